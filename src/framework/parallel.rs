//! Work split over all cores, for the loops that are long enough to be worth a thread
//! per core: parsing, linting and indexing a large framework.

/// `items.iter().map(f).collect()`, split over all cores when there are at least
/// `from` items (fewer are quicker on one thread than spread over several).
pub(crate) fn map<T: Sync, U: Send>(
    items: &[T],
    from: usize,
    f: impl Fn(&T) -> U + Sync,
) -> Vec<U> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if threads < 2 || items.len() < from.max(2) {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for (worker, part) in workers.into_iter().zip(items.chunks(chunk)) {
            match worker.join() {
                Ok(done) => out.extend(done),
                // A worker that panicked: do its part here.
                Err(_) => out.extend(part.iter().map(f)),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_result_is_in_the_order_of_the_items_however_split() {
        let items: Vec<u32> = (0..5_000).collect();
        for from in [1, 2_000, 10_000] {
            assert_eq!(
                super::map(&items, from, |n| n * 2),
                items.iter().map(|n| n * 2).collect::<Vec<_>>()
            );
        }
        assert!(super::map(&[] as &[u32], 1, |n| *n).is_empty());
    }
}
