//! Entry point of the Careflow single-page app (built by Trunk for wasm32).

fn main() {
    careflow::start();
}
