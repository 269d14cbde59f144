#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs independent jobs on the machine's cores and returns their results in order.
///
/// `generate` has several back ends (Swift, C, Markdown), none of which depends
/// on another, so they run side by side. Threads come from Glibc directly (no Foundation, no Dispatch), at most
/// one per online core, each taking the next unstarted job.
enum ParallelJobs {
    /// The results of `jobs`, in the order of `jobs`.
    static func run<Result: Sendable>(_ jobs: [@Sendable () -> Result]) -> [Result] {
        let cores = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let workers = min(jobs.count, cores)
        if workers <= 1 { return jobs.map { $0() } }
        let queue = JobQueue(jobs)
        var threads: [pthread_t] = []
        for _ in 1..<workers {
            // Linux's `pthread_t` is a number, Darwin's a pointer that `pthread_create` fills in.
            #if canImport(Darwin)
            var thread: pthread_t?
            #else
            var thread = pthread_t()
            #endif
            let context = Unmanaged<Worker>.passRetained(queue).toOpaque()
            if pthread_create(&thread, nil, { context in
                runWorker(context)
                return nil
            }, context) == 0 {
                #if canImport(Darwin)
                if let thread { threads.append(thread) }
                #else
                threads.append(thread)
                #endif
            } else {
                // No thread: this thread does that share of the work too.
                Unmanaged<Worker>.fromOpaque(context).release()
            }
        }
        queue.work()
        for thread in threads { pthread_join(thread, nil) }
        return queue.results()
    }
}

/// A thread's entry: runs the worker whose retained reference is `context`. (Its parameter
/// is optional on Linux and not on Darwin; either converts to this one.)
private func runWorker(_ context: UnsafeMutableRawPointer?) {
    Unmanaged<Worker>.fromOpaque(context!).takeRetainedValue().work()
}

/// What a thread runs (not generic, so that a C thread entry point can call it).
private class Worker: @unchecked Sendable {
    func work() {}
}

/// The jobs, the index of the next one to start, and the results, shared by the workers.
private final class JobQueue<Result: Sendable>: Worker, @unchecked Sendable {
    // Safety: `next` is read and advanced only under `lock`; each result slot is written
    // by the one worker that took its job, and read only after every worker is joined.
    private let jobs: [@Sendable () -> Result]
    private let slots: UnsafeMutableBufferPointer<Result?>
    private var next = 0
    /// Heap-allocated, so that its address never changes (a stored property's may not be stable).
    private let lock: UnsafeMutablePointer<pthread_mutex_t>

    init(_ jobs: [@Sendable () -> Result]) {
        self.jobs = jobs
        slots = .allocate(capacity: jobs.count)
        slots.initialize(repeating: nil)
        lock = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
        _ = slots.deinitialize()
        slots.deallocate()
    }

    /// Takes and runs jobs until none is left.
    override func work() {
        while let index = take() { slots[index] = jobs[index]() }
    }

    /// Every job's result, once all workers are done.
    func results() -> [Result] {
        slots.map { $0! }
    }

    private func take() -> Int? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard next < jobs.count else { return nil }
        next += 1
        return next - 1
    }
}
