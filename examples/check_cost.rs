use opmodel::model::ownership::{badges_by_element, check};
use opmodel::model::*;
fn main() {
    let now = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let mut m = Model::new("m".into(), "Bench", now);
    for r in 0..25 {
        m.add_role(format!("r{r}"), &format!("Role number {r}"))
            .unwrap();
    }
    for e in 0..200 {
        m.add_element(
            format!("e{e}"),
            &format!("Element number {e}"),
            ElementKind::Process,
        )
        .unwrap();
    }
    let letters = [Raci::R, Raci::A, Raci::C, Raci::I];
    for e in 0..200 {
        for r in 0..25 {
            if (e * 7 + r * 3) % 3 == 0 {
                m.elements[e]
                    .assignments
                    .insert(format!("r{r}"), letters[(e + r) % 4]);
            }
        }
    }
    let t = std::time::Instant::now();
    let n = 200;
    let mut k = 0;
    for _ in 0..n {
        let rep = check(&m);
        k += badges_by_element(&rep).len();
    }
    println!("check+badges: {:?} per call ({k})", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        let c = m.clone();
        k += c.elements.len();
    }
    println!("model clone: {:?} per call", t.elapsed() / n);
}
