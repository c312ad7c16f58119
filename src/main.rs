fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args[1] == "score" {
        let mut report = diplograph::score::Report::default();
        for entry in std::fs::read_dir(&args[2]).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            let gold_path = std::path::Path::new(&args[3]).join(format!("{stem}.json"));
            let Ok(g) = std::fs::read_to_string(&gold_path) else {
                continue;
            };
            let gold: diplograph::score::Gold = serde_json::from_str(&g).unwrap();
            let bytes = std::fs::read(&path).unwrap();
            let p = path.to_string_lossy().to_string();
            let input = diplograph::extract::Input {
                bytes: &bytes,
                source: p.clone(),
                html: p.ends_with(".html"),
                ..Default::default()
            };
            let e = diplograph::extract::extract(&input).unwrap();
            diplograph::score::score(&mut report, &e, &gold);
        }
        for m in &report.misses {
            println!("{m}");
        }
        println!("{}", report.table());
        return;
    }
    let path = &args[1];
    let bytes = std::fs::read(path).unwrap();
    let input = diplograph::extract::Input {
        bytes: &bytes,
        source: path.clone(),
        html: path.ends_with(".html"),
        ..Default::default()
    };
    let e = diplograph::extract::extract(&input).unwrap();
    println!("{}", serde_json::to_string_pretty(&e).unwrap());
}
