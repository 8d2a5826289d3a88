fn main() {
    let bytes = std::fs::read("/tmp/m1.json").unwrap();
    let mut best = f64::MAX;
    for _ in 0..20 {
        let t = std::time::Instant::now();
        let m = opmodel::model::load(&bytes).unwrap();
        let d = t.elapsed().as_secs_f64() * 1000.0;
        best = best.min(d);
        std::hint::black_box(m);
    }
    let t = std::time::Instant::now();
    let m = opmodel::model::load(&bytes).unwrap();
    println!(
        "best {best:.2} ms  once {:.2}",
        t.elapsed().as_secs_f64() * 1000.0
    );
    std::hint::black_box(m);
}
