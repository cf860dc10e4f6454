//! Entry point of the replication web worker (built by Trunk with `data-type="worker"`).

use yew_agent::Registrable;

fn main() {
    careflow::workers::replication::ReplicationWorker::registrar().register();
}
