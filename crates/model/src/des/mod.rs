//! The discrete-event (stochastic) engine: individual patients, real queues, replications.
