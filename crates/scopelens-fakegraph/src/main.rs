//! `scopelens-fakegraph [--port N]`: runs the fake Graph API until killed and
//! prints its address on the first line of standard output.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let port = args
        .iter()
        .position(|a| a == "--port")
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| "0".into());
    match scopelens_fakegraph::FakeGraph::bind(&format!("127.0.0.1:{port}")) {
        Ok(server) => {
            println!("{}", server.url());
            loop {
                std::thread::park();
            }
        }
        Err(err) => {
            eprintln!("scopelens-fakegraph: cannot listen: {err}");
            std::process::exit(1);
        }
    }
}
