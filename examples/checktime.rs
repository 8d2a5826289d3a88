fn main() {
    let bytes = std::fs::read("/tmp/m200.json").unwrap();
    let m = opmodel::model::load(&bytes).unwrap();
    let mut best = f64::MAX;
    for _ in 0..50 {
        let t = std::time::Instant::now();
        let r = opmodel::model::ownership::check(&m);
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(r);
    }
    let r = opmodel::model::ownership::check(&m);
    println!("check best {best:.3} ms, findings {}", r.findings.len());
}
