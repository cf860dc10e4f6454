//! Entry point of the analysis web worker (model checks and sensitivity runs; built by Trunk with
//! `data-type="worker"`).

use yew_agent::Registrable;

fn main() {
    careflow::workers::analysis::AnalysisWorker::registrar().register();
}
