#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WITCommandLine

exit(Witgen.run(arguments: Array(CommandLine.arguments.dropFirst()), environment: Witgen.processEnvironment,
                output: StandardStreams()).rawValue)
