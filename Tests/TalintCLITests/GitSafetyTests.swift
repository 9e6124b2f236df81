import Foundation
import TalintTestSupport
import Testing

/// talint asks git which files a work tree ignores. A linted tree can hold its own `.git` (an
/// unpacked archive, a build artifact), whose configuration names commands for git to run;
/// none of them may run. Every command here writes a canary file, which must not exist after
/// talint has run — while `.gitignore` is still honoured.
@Suite struct GitSafetyTests {
  /// The commands a repository's configuration can ask git to run, each writing its own canary.
  static func hostileConfig(canaries: String) -> String {
    """
    [core]
    \tfsmonitor = "touch \(canaries)/fsmonitor; echo"
    \thooksPath = \(canaries)/hooks
    \tpager = touch \(canaries)/pager
    \teditor = touch \(canaries)/editor
    \tsshCommand = touch \(canaries)/ssh
    \taskPass = touch \(canaries)/askpass
    \tuntrackedCache = true
    [diff]
    \texternal = touch \(canaries)/diff-external
    [diff "x"]
    \ttextconv = touch \(canaries)/textconv
    \tcommand = touch \(canaries)/diff-command
    [filter "x"]
    \tclean = touch \(canaries)/clean
    \tsmudge = touch \(canaries)/smudge
    \tprocess = touch \(canaries)/process
    [credential]
    \thelper = !touch \(canaries)/credential

    """
  }

  /// Hooks git could run, each writing a canary.
  static let hooks = ["post-index-change", "pre-commit", "post-checkout", "reference-transaction", "fsmonitor-watchman", "pre-auto-gc", "post-rewrite"]

  /// A repository whose `.git/config` (or, with `gitFile`, the repository its `.git` file names)
  /// runs commands, with one ignored and one linted file.
  func repository(gitFile: Bool = false) throws -> (root: String, repo: String) {
    let git = try #require(Subprocess.which("git"))
    let root = try ScratchTree.make([
      "canaries/hooks/": "", "repo/.gitignore": "ignored.yaml\n", "repo/.gitattributes": "* filter=x diff=x\n",
      "repo/talos/a.yaml": "version: v1alpha1\ndebug: false\n", "repo/talos/ignored.yaml": "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n",
    ])
    let canaries = root + "/canaries"
    for hook in Self.hooks {
      let path = canaries + "/hooks/" + hook
      try "#!/bin/sh\ntouch \(canaries)/hook-\(hook)\n".write(toFile: path, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }
    let gitDirectory: String
    if gitFile {
      _ = try Subprocess.run(git, ["init", "-q", root + "/elsewhere"])
      gitDirectory = root + "/elsewhere/.git"
      try "gitdir: \(gitDirectory)\n".write(toFile: root + "/repo/.git", atomically: true, encoding: .utf8)
    } else {
      _ = try Subprocess.run(git, ["init", "-q", root + "/repo"])
      gitDirectory = root + "/repo/.git"
    }
    let config = try String(contentsOfFile: gitDirectory + "/config", encoding: .utf8)
    try (config + Self.hostileConfig(canaries: canaries)).write(toFile: gitDirectory + "/config", atomically: true, encoding: .utf8)
    return (root, root + "/repo")
  }

  func canaries(_ root: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: root + "/canaries").filter { $0 != "hooks" }
  }

  /// talint run in `directory` through `env` with `environment` added.
  func talint(_ arguments: [String], in directory: String, environment: [String] = []) throws -> ProcessOutput {
    try Subprocess.run("/usr/bin/env", environment + [Paths.binary] + arguments, directory: directory, timeout: 60)
  }

  @Test func aRepositoryConfigurationRunsNothing() throws {
    let (root, repo) = try repository()
    let output = try talint(["lint", "talos"], in: repo)
    #expect(try canaries(root) == [])
    // The ignore rules still hold: only a.yaml is linted.
    #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    #expect(output.stderr == "talint: no problems in 1 file\n", "\(output.stderr)")
  }

  @Test func aGitFileNamingAnotherRepositoryRunsNothing() throws {
    let (root, repo) = try repository(gitFile: true)
    _ = try talint(["lint", "talos"], in: repo)
    #expect(try canaries(root) == [])
  }

  /// Git reads configuration and its repository from the environment too: talint's caller may
  /// have set them for another repository, or a CI step may pass them on.
  @Test func gitEnvironmentVariablesRunNothing() throws {
    let (root, repo) = try repository()
    let (otherRoot, elsewhere) = try repository()
    let environment = [
      "GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=core.fsmonitor", "GIT_CONFIG_VALUE_0=touch \(root)/canaries/environment; echo",
      "GIT_DIR=\(elsewhere)/.git", "GIT_WORK_TREE=\(elsewhere)", "GIT_CONFIG_PARAMETERS='core.fsmonitor'='touch \(root)/canaries/parameters; echo'",
    ]
    let output = try talint(["lint", "talos"], in: repo, environment: environment)
    #expect(try canaries(root) == [])
    #expect(try canaries(otherRoot) == [])
    #expect(output.stderr == "talint: no problems in 1 file\n", "\(output.stderr)")
  }

  /// A `.gitignore` that is a FIFO blocks git on opening it: talint stops waiting for it.
  @Test func aGitThatHangsIsStopped() throws {
    let (root, repo) = try repository()
    try FileManager.default.removeItem(atPath: repo + "/.gitignore")
    #expect(mkfifo(repo + "/.gitignore", 0o644) == 0)
    let output = try talint(["lint", "talos"], in: repo)
    #expect(!output.signaled && output.seconds < 30, "\(output.seconds) s")
    #expect(output.stdout.contains("talos/ignored.yaml"), "without git's answer nothing is ignored: \(output.stdout)")
    #expect(try canaries(root) == [])
  }

  /// A `git` program inside the linted tree is never the one run, even with `.` on PATH.
  @Test func aGitProgramInTheTreeIsNotRun() throws {
    let (root, repo) = try repository()
    try "#!/bin/sh\ntouch \(root)/canaries/git-in-tree\n".write(toFile: repo + "/git", atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo + "/git")
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    _ = try talint(["lint", "talos"], in: repo, environment: ["PATH=.:\(path)"])
    _ = try talint(["lint", "talos"], in: repo, environment: ["PATH=:\(path)"])
    #expect(try canaries(root) == [])
  }
}
