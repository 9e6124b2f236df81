#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The paths git ignores in one work tree, asked once per repository root
/// (`git ls-files --others --ignored --exclude-standard --directory`), so a walk honours
/// `.gitignore` without a process per file. Tracked files are never ignored, as in git.
///
/// The work tree may be a stranger's (an unpacked archive, a build artifact): its `.git` —
/// a folder, or a file naming a repository elsewhere — can configure commands for git to run
/// (`core.fsmonitor` runs one on every index read). git runs here with each of them turned off
/// on its command line, which wins over every configuration file; without the system's and
/// the user's configuration; with none of the caller's `GIT_*` variables (`GIT_DIR`,
/// `GIT_CONFIG_COUNT`… would pick another repository or add configuration); and found on
/// PATH's absolute folders only. A repository owned by another user stays refused
/// (`safe.directory`): its ignore rules are then not applied.
public struct GitIgnored: Sendable {
  /// Absolute paths; folders end with `/`.
  private let entries: Set<String>
  private let directories: [String]

  /// Configuration that would make `ls-files` run a program or write, turned off: the file
  /// system monitor hook, hooks (`post-index-change`), the untracked cache (an index write).
  private static let safeConfiguration = [
    "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "core.untrackedCache=false",
  ]

  /// The environment git gets: the caller's without `GIT_*`, and no configuration files but
  /// the repository's own; no optional lock (the index is only read).
  private static let environmentAdded = ["GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0"]

  public init(root: String) {
    let arguments = Self.safeConfiguration + ["-C", root, "ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z"]
    let output = Self.gitProgram().map { Self.run($0, arguments) } ?? []
    let paths = output.split(separator: 0).map { root + "/" + String(decoding: $0, as: UTF8.self) }
    entries = Set(paths)
    directories = paths.filter { $0.hasSuffix("/") }
  }

  public func contains(_ absolutePath: String) -> Bool {
    entries.contains(absolutePath) || directories.contains { absolutePath.hasPrefix($0) }
  }

  /// Of `paths` (absolute, inside the work tree at `root`; they need not exist, which is the
  /// point: a secret kept out of git is missing from a clone), those git ignores, each with the
  /// rule that does (`.gitignore:3`), from `git check-ignore -v`. Tracked paths are not ignored.
  public static func rules(ignoring paths: [String], root: String) -> [String: String] {
    guard let git = gitProgram() else { return [:] }
    var rules: [String: String] = [:]
    let wanted = Set(paths)
    let arguments = safeConfiguration + ["-c", "core.quotePath=false", "-C", root, "check-ignore", "-v", "--"] + paths
    // Each ignored path: `source:line:pattern<TAB>path`; a name git had to quote matches none.
    for line in String(decoding: run(git, arguments), as: UTF8.self).split(separator: "\n") {
      guard let tab = line.lastIndex(of: "\t"), wanted.contains(String(line[line.index(after: tab)...])) else { continue }
      let fields = line[..<tab].split(separator: ":", omittingEmptySubsequences: false)
      guard let number = fields.indices.dropFirst().first(where: { !fields[$0].isEmpty && fields[$0].allSatisfy(\.isNumber) }) else { continue }
      rules[String(line[line.index(after: tab)...])] = fields[..<number].joined(separator: ":") + ":" + fields[number]
    }
    return rules
  }

  /// `git` in the first absolute folder of PATH that has it: a relative entry (`.`, or an
  /// empty one) would find a `git` the linted tree holds.
  private static func gitProgram() -> String? {
    let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") where folder.hasPrefix("/") {
      let candidate = String(folder) + "/git"
      var info = stat()
      if stat(candidate, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
  }

  /// The caller's environment without `GIT_*`, plus `environmentAdded`.
  private static func gitEnvironment() -> [String] {
    var result: [String] = []
    var entry = environ
    while let pointer = entry.pointee {
      let variable = String(cString: pointer)
      if !variable.hasPrefix("GIT_") { result.append(variable) }
      entry += 1
    }
    return result + environmentAdded
  }

  /// Runs `program` with `arguments` and the environment of `gitEnvironment`, and returns its
  /// standard output (empty on any failure).
  private static func run(_ program: String, _ arguments: [String]) -> [UInt8] {
    var pipe: [Int32] = [0, 0]
    guard Glibc.pipe(&pipe) == 0 else { return [] }
    // Close-on-exec: a child another thread spawns meanwhile must not hold the write end.
    for descriptor in pipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addclose(&actions, pipe[0])
    var argv = ([program] + arguments).map { strdup($0) } + [nil]
    var envp = gitEnvironment().map { strdup($0) } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, program, &actions, nil, &argv, &envp)
    close(pipe[1])
    defer { close(pipe[0]) }
    guard spawned == 0 else { return [] }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    let deadline = ContinuousClock.now + timeLimit
    var timedOut = false
    while true {
      // A `.gitignore` or included configuration that is a FIFO blocks git forever: it gets
      // `timeLimit`, then is killed and its answer dropped.
      let left = deadline - ContinuousClock.now
      var ready = pollfd(fd: pipe[0], events: Int16(POLLIN), revents: 0)
      let polled = left > .zero ? poll(&ready, 1, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)) : 0
      if polled < 0 && errno == EINTR { continue }
      if polled == 0 {
        timedOut = true
        kill(pid, SIGKILL)
        break
      }
      let count = buffer.withUnsafeMutableBytes { Glibc.read(pipe[0], $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      output += buffer[0..<count]
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return status == 0 && !timedOut ? output : []
  }

  /// How long git may take: `ls-files` answers a work tree of 80,000 files in under a second.
  private static let timeLimit = Duration.seconds(10)
}
