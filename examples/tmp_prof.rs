use std::time::Instant;
fn main() {
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string("target/bench-checkup.json").unwrap()).unwrap();
    let mut c = opmodel::model::checkup::collect::Collection::from_text(v["running"].as_str().unwrap()).unwrap();
    c.pasted = v["pasted"].as_str().unwrap().to_string();
    for _ in 0..3 {
        let t = Instant::now();
        let now = c.now();
        let t1 = t.elapsed();
        let rows: Vec<opmodel::charts::SpreadRow> = now.team.dimensions.iter().map(|p| opmodel::charts::SpreadRow {
            label: p.dimension.label().into(),
            scores: p.people.iter().zip(&p.scores).map(|(i, s)| (format!("Response {i}"), *s)).collect(),
            mean: p.spread.map(|s| s.mean), sd: p.spread.map(|s| s.sd), divided: true }).collect();
        let t = Instant::now();
        let svg = opmodel::charts::spread("x", &rows);
        println!("now {:?}, spread {:?} ({} bytes)", t1, t.elapsed(), svg.len());
        let t = Instant::now();
        let text = c.to_text();
        println!("to_text {:?} {}", t.elapsed(), text.len());
    }
}
