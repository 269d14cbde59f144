import WITCommandLine

Witgen.main(CommandLine.arguments)
