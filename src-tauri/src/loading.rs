//! How far opening a framework has got, kept for the window to ask (`load_status`) while
//! a large framework opens: files read, then the framework put together, then its search
//! index built in the background after the first screen shows. Only the latest opening
//! counts: an older one finishing later changes nothing.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use rung::app::LoadStatus;
use rung::files::folder::ReadProgress;

/// Where the latest opening is.
#[derive(Default)]
pub(crate) struct Loading {
    latest: AtomicU64,
    stage: Mutex<Stage>,
}

#[derive(Default)]
enum Stage {
    /// Reading files, as counted into this progress.
    Reading(Arc<ReadProgress>),
    /// Put together; indexing, or ready.
    Settled(LoadStatus),
    /// Nothing opened yet.
    #[default]
    Idle,
}

impl Loading {
    /// A new opening starts: its number, and the progress its reading counts into.
    pub(crate) fn begin(&self) -> (u64, Arc<ReadProgress>) {
        let id = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let progress = Arc::new(ReadProgress::default());
        self.set_stage(id, Stage::Reading(Arc::clone(&progress)));
        (id, progress)
    }

    /// Opening `id` got to `status`; nothing if a newer opening started meanwhile.
    pub(crate) fn set(&self, id: u64, status: LoadStatus) {
        self.set_stage(id, Stage::Settled(status));
    }

    fn set_stage(&self, id: u64, stage: Stage) {
        // A poisoned lock only means a status was being written; the next one replaces it.
        let mut current = self.stage.lock().unwrap_or_else(|e| e.into_inner());
        if self.latest.load(Ordering::SeqCst) == id {
            *current = stage;
        }
    }

    /// Where the latest opening is now.
    pub(crate) fn status(&self) -> LoadStatus {
        let stage = self.stage.lock().unwrap_or_else(|e| e.into_inner());
        match &*stage {
            Stage::Reading(progress) => LoadStatus::of_reading(progress),
            Stage::Settled(status) => status.clone(),
            Stage::Idle => LoadStatus::Ready,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_latest_opening_says_where_loading_is() {
        let loading = Loading::default();
        assert_eq!(loading.status(), LoadStatus::Ready);
        let (first, _) = loading.begin();
        assert_eq!(loading.status(), LoadStatus::Reading { read: 0, total: 0 });
        loading.set(first, LoadStatus::Indexing { expectations: 9 });
        assert_eq!(loading.status(), LoadStatus::Indexing { expectations: 9 });
        let (second, _) = loading.begin();
        // The first opening's index finishing does not make the second ready.
        loading.set(first, LoadStatus::Ready);
        assert_eq!(loading.status(), LoadStatus::Reading { read: 0, total: 0 });
        loading.set(second, LoadStatus::Ready);
        assert_eq!(loading.status(), LoadStatus::Ready);
    }
}
