import Glibc
import Testing
@testable import WITCommandLine

/// `ParallelJobs`: the back ends of `generate` run side by side, and their results
/// come back in order.
@Suite struct ParallelJobsTests {
    @Test func resultsComeBackInTheOrderOfTheJobsHoweverLongEachTakes() {
        // Early jobs take longest, so later ones finish first on another thread.
        let jobs: [@Sendable () -> [Int]] = (0..<40).map { index in
            { @Sendable in
                usleep(useconds_t((40 - index) * 200))
                return Array(repeating: index, count: index % 5)
            }
        }
        #expect(ParallelJobs.run(jobs) == (0..<40).map { Array(repeating: $0, count: $0 % 5) })
    }

    @Test func noJobsGiveNoResultsAndOneJobRunsOnTheCallingThread() {
        #expect(ParallelJobs.run([] as [@Sendable () -> Int]).isEmpty)
        let caller = UInt(pthread_self())
        #expect(ParallelJobs.run([{ @Sendable in UInt(pthread_self()) }]) == [caller])
    }

    @Test func jobsShareTheCoresWhenThereIsMoreThanOne() throws {
        try #require(sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1, "needs two cores to run jobs side by side")
        // Each job waits long enough that a second worker always gets one of the four.
        let jobs: [@Sendable () -> UInt] = (0..<4).map { _ in
            { @Sendable in
                usleep(20_000)
                return UInt(pthread_self())
            }
        }
        let threads = Set(ParallelJobs.run(jobs))
        #expect(threads.count > 1)
    }
}
