#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The paths git ignores in one work tree, asked once per repository root
/// (`git ls-files --others --ignored --exclude-standard --directory`), so a walk honours
/// `.gitignore` without a process per file. Tracked files are never ignored, as in git.
public struct GitIgnored: Sendable {
  /// Absolute paths; folders end with `/`.
  private let entries: Set<String>
  private let directories: [String]

  public init(root: String) {
    let output = Self.run(["git", "-C", root, "ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z"])
    let paths = output.split(separator: 0).map { root + "/" + String(decoding: $0, as: UTF8.self) }
    entries = Set(paths)
    directories = paths.filter { $0.hasSuffix("/") }
  }

  public func contains(_ absolutePath: String) -> Bool {
    entries.contains(absolutePath) || directories.contains { absolutePath.hasPrefix($0) }
  }

  /// Runs a program found on PATH and returns its standard output (empty on any failure).
  private static func run(_ arguments: [String]) -> [UInt8] {
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
    var argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
    close(pipe[1])
    defer { close(pipe[0]) }
    guard spawned == 0 else { return [] }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(pipe[0], $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      output += buffer[0..<count]
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return status == 0 ? output : []
  }
}
