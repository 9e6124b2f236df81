import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a program printed and how it ended.
public struct ProcessOutput: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
  /// True when the program ended by a signal (a crash, or the timeout's kill).
  public var signaled: Bool
  /// Wall time.
  public var seconds: Double
}

/// Runs a program and captures what it prints, for tests that drive the real binary or ask
/// python3 for a second opinion. Built on posix_spawn and waitpid: Foundation's Process
/// sometimes missed a child's exit and waited forever (seen inside `unshare -n`).
public enum Subprocess {
  public static func run(
    _ executable: String, _ arguments: [String], stdin: [UInt8]? = nil, directory: String? = nil, timeout: Double = 120
  ) throws -> ProcessOutput {
    let started = ContinuousClock.now
    let (input, output, errors) = try spawnLock.withLock { (try pipe(), try pipe(), try pipe()) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, input[0], 0)
    posix_spawn_file_actions_adddup2(&actions, output[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errors[1], 2)

    // A working directory goes through the shell: `cd DIR && exec PROGRAM ARGS...`.
    let command = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0, executable] + arguments } ?? [executable] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.removeValue(forKey: "GITHUB_ACTIONS")
    var argv = command.map { strdup($0) } + [nil]
    var envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid = pid_t()
    let spawned = spawnLock.withLock { posix_spawn(&pid, command[0], &actions, nil, &argv, &envp) }
    close(input[0])
    close(output[1])
    close(errors[1])
    guard spawned == 0 else {
      [input[1], output[0], errors[0]].forEach { close($0) }
      throw SubprocessError(description: "cannot start \(command[0]): \(String(cString: strerror(spawned)))")
    }

    let killer = DispatchWorkItem { kill(pid, SIGKILL) }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
    let writer = Drain { [descriptor = input[1]] in
      if let stdin { writeAll(stdin, to: descriptor) }
      close(descriptor)
      return []
    }
    let errorReader = Drain { [descriptor = errors[0]] in readAll(descriptor) }
    let outData = readAll(output[0])
    let errData = errorReader.wait()
    _ = writer.wait()
    close(output[0])
    close(errors[0])
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    killer.cancel()
    let elapsed = ContinuousClock.now - started
    let signaled = (status & 0x7f) != 0
    return ProcessOutput(
      status: signaled ? 128 + (status & 0x7f) : (status >> 8) & 0xff, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self), signaled: signaled,
      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
  }

  /// Held while a test makes pipes and while it spawns a child. Tests run in parallel, and a
  /// child spawned between another test's `pipe` and its `fcntl(FD_CLOEXEC)` inherits that
  /// test's pipe ends (glibc's `pipe2` is not visible to Swift here): a stray write end keeps
  /// a reader from ever seeing the end of output, which once hung a whole test run — a `git
  /// init` read forever while a language server held its output pipe.
  static let spawnLock = NSLock()

  /// A pipe whose ends a spawned child does not inherit; made under `spawnLock`.
  static func pipe() throws -> [Int32] {
    var ends: [Int32] = [0, 0]
    guard Glibc.pipe(&ends) == 0 else { throw SubprocessError(description: "pipe failed") }
    for descriptor in ends { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    return ends
  }

  /// The path of a program on PATH, or nil.
  public static func which(_ name: String) -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
  }

  private static func readAll(_ descriptor: Int32) -> [UInt8] {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { return result }
      result += buffer[0..<count]
    }
  }

  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 && errno == EINTR { continue }
      if written <= 0 { return }
      offset += written
    }
  }
}

public struct SubprocessError: Error, CustomStringConvertible {
  public var description: String
}

/// Runs a closure on its own thread, so both pipes of a child are drained at once.
private final class Drain: @unchecked Sendable {
  private var result: [UInt8] = []
  private let done = DispatchSemaphore(value: 0)

  init(_ work: @escaping @Sendable () -> [UInt8]) {
    Thread.detachNewThread { [self] in
      result = work()
      done.signal()
    }
  }

  func wait() -> [UInt8] {
    done.wait()
    return result
  }
}
