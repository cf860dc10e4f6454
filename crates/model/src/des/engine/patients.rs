//! The patients in the system: where each one is, and a store that reuses the ids of those who
//! have left (so ids count the patients present at once, not all who ever came).

use crate::scenario::{Reason, Service, Step};

/// Where a patient is now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    /// Waiting in A&E for an acute bed.
    AeQueue,
    /// In an acute bed, in the acute phase of the stay.
    Acute,
    /// In an acute bed, fit to leave, doing discharge step `step` (a delayed transfer).
    InStep,
    /// In an acute bed, fit to leave, steps done, waiting for the service's room (a delayed
    /// transfer).
    Queued,
    /// In a step-down bed (doing moved steps, then the stay).
    StepDown,
    /// In a step-down bed, finished, waiting for a care package or a care home.
    StepDownWaiting,
}

/// One patient.
#[derive(Clone, Copy, Debug)]
pub(super) struct Patient {
    /// 0..4 emergency stream index, 4 elective.
    pub stream: u8,
    /// The downstream service needed ([`Service::index`]), once fit.
    pub service: u8,
    /// The discharge step being done ([`Step::index`]) while `InStep`.
    pub step: u8,
    /// Discharged to assess: the assessment and funding steps are done after the transfer.
    pub d2a: bool,
    /// The delay reason ([`Reason::index`]) while fit in an acute bed, kept with the place.
    pub reason: u8,
    /// Where the patient is.
    pub place: Place,
    /// In their last admission (a person of the end-of-life cohort, who dies in it).
    pub last: bool,
    /// The end-of-life cohort group of a last admission ([`super::EolTally`]).
    pub group: u8,
    /// When an emergency arrived in A&E [days from the start of the run].
    pub arrived: f32,
}

impl Patient {
    /// A patient of `stream` arriving at `place`.
    pub fn new(stream: u8, place: Place) -> Patient {
        Patient {
            stream,
            service: 0,
            step: 0,
            d2a: false,
            reason: 0,
            place,
            last: false,
            group: 0,
            arrived: 0.0,
        }
    }

    /// The service needed.
    pub fn service(&self) -> Service {
        Service::ALL[usize::from(self.service)]
    }

    /// The delay reason while fit in an acute bed (`InStep` or `Queued`).
    pub fn reason(&self) -> Reason {
        Reason::ALL[usize::from(self.reason)]
    }

    /// The reason for `place` (and `step`, when in a step) of this patient's service.
    pub fn reason_of(&self, place: Place, step: u8) -> Reason {
        match place {
            Place::InStep => Step::ALL[usize::from(step)].reason(self.service()),
            _ => self.service().reason(),
        }
    }
}

/// The store of patients.
#[derive(Clone, Debug, Default)]
pub(super) struct Patients {
    all: Vec<Patient>,
    /// Ids free for reuse, and whether each id is free (for the invariant checks).
    free: Vec<u32>,
    is_free: Vec<bool>,
}

impl Patients {
    pub fn with_capacity(n: usize) -> Patients {
        Patients {
            all: Vec::with_capacity(n),
            free: Vec::new(),
            is_free: Vec::with_capacity(n),
        }
    }

    /// Adds a patient and returns its id.
    #[inline]
    pub fn add(&mut self, p: Patient) -> u32 {
        if let Some(id) = self.free.pop() {
            self.all[id as usize] = p;
            self.is_free[id as usize] = false;
            id
        } else {
            self.all.push(p);
            self.is_free.push(false);
            (self.all.len() - 1) as u32
        }
    }

    /// `id` leaves the system.
    #[inline]
    pub fn remove(&mut self, id: u32) {
        self.free.push(id);
        self.is_free[id as usize] = true;
    }

    #[inline]
    pub fn get(&self, id: u32) -> &Patient {
        &self.all[id as usize]
    }

    #[inline]
    pub fn get_mut(&mut self, id: u32) -> &mut Patient {
        &mut self.all[id as usize]
    }

    /// Patients present.
    pub fn in_system(&self) -> usize {
        self.all.len() - self.free.len()
    }

    /// Every patient present.
    pub fn live(&self) -> impl Iterator<Item = &Patient> {
        self.all
            .iter()
            .zip(&self.is_free)
            .filter(|(_, &f)| !f)
            .map(|(p, _)| p)
    }
}
