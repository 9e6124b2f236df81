import ArgumentParser
import TalintServer

#if canImport(Glibc)
  import Glibc
#endif

struct Server: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "server",
    abstract: "Run the language server (LSP over standard input and output) for editors.",
    discussion: "Findings as you type, rule docs on hover, fixes and suppressions as code actions. See README: editors.")

  @Flag(name: .long, help: "Accepted for editors that pass it; standard input and output are the only transport.")
  var stdio = false

  func run() throws {
    let status = LanguageServer(version: TalintVersion.string).run()
    throw ExitCode(status)
  }
}
