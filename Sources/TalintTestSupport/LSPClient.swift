import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Drives `talint server` as an editor would: frames JSON-RPC messages onto its standard input
/// and reads its replies and notifications from its standard output on a thread of its own.
public final class LSPClient: @unchecked Sendable {
  private let pid: pid_t
  private let input: Int32
  private let output: Int32
  private let lock = NSCondition()
  private var received: [[String: Any]] = []
  private var ended = false
  private var nextID = 1

  public init(_ binary: String = Paths.binary, arguments: [String] = ["server"], directory: String? = nil) throws {
    let (stdinPipe, stdoutPipe) = try Subprocess.spawnLock.withLock { (try Subprocess.pipe(), try Subprocess.pipe()) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
    posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let command = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0, binary] + arguments } ?? [binary] + arguments
    var argv = command.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var child = pid_t()
    let spawned = Subprocess.spawnLock.withLock { posix_spawn(&child, command[0], &actions, nil, &argv, environ) }
    close(stdinPipe[0])
    close(stdoutPipe[1])
    guard spawned == 0 else { throw SubprocessError(description: "cannot start \(binary)") }
    pid = child
    input = stdinPipe[1]
    output = stdoutPipe[0]
    signal(SIGPIPE, SIG_IGN)
    Thread.detachNewThread { [self] in readLoop() }
  }

  deinit {
    close(input)
    kill(pid, SIGKILL)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
  }

  // MARK: Sending

  /// Sends raw bytes, framed or not (robustness tests send broken frames).
  public func sendRaw(_ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { Glibc.write(input, $0.baseAddress, $0.count) }
      if written <= 0 { return }
      offset += written
    }
  }

  public func send(_ message: [String: Any]) {
    var framed = message
    framed["jsonrpc"] = "2.0"
    let body = Array((try? JSONSerialization.data(withJSONObject: framed)) ?? Data())
    sendRaw(Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
  }

  public func notify(_ method: String, _ params: [String: Any] = [:]) {
    send(["method": method, "params": params])
  }

  /// Sends a request and waits for its reply.
  public func request(_ method: String, _ params: [String: Any] = [:], timeout: Double = 20) -> [String: Any]? {
    let id = nextID
    nextID += 1
    send(["id": id, "method": method, "params": params])
    return wait(timeout: timeout) { ($0["id"] as? Int) == id && $0["method"] == nil }
  }

  public func initialize(root: String) -> [String: Any]? {
    let reply = request("initialize", ["processId": NSNull(), "rootUri": Self.uri(root), "capabilities": [String: Any]()])
    notify("initialized")
    return reply
  }

  public func open(_ path: String, text: String, version: Int = 1) {
    notify("textDocument/didOpen", ["textDocument": ["uri": Self.uri(path), "languageId": "yaml", "version": version, "text": text]])
  }

  // MARK: Receiving

  /// The first message received so far or within `timeout` seconds that `matches` accepts
  /// (taken out of the inbox).
  public func wait(timeout: Double = 20, _ matches: ([String: Any]) -> Bool) -> [String: Any]? {
    let deadline = Date().addingTimeInterval(timeout)
    lock.lock()
    defer { lock.unlock() }
    while true {
      if let index = received.firstIndex(where: matches) { return received.remove(at: index) }
      if ended || !lock.wait(until: deadline) { return received.firstIndex(where: matches).map { received.remove(at: $0) } }
    }
  }

  /// The next diagnostics published for `path`.
  public func diagnostics(for path: String, timeout: Double = 20) -> [String: Any]? {
    wait(timeout: timeout) { ($0["method"] as? String) == "textDocument/publishDiagnostics" && (($0["params"] as? [String: Any])?["uri"] as? String) == Self.uri(path) }
  }

  /// Every message received and not yet taken.
  public func drain() -> [[String: Any]] {
    lock.lock()
    defer { lock.unlock() }
    defer { received = [] }
    return received
  }

  /// Waits for the server to exit; its status, or nil when it is still running.
  public func exitStatus(timeout: Double = 10) -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      var status: Int32 = 0
      if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xff }
      usleep(20_000)
    }
    return nil
  }

  public static func uri(_ path: String) -> String { URL(fileURLWithPath: path).absoluteString }

  private func readLoop() {
    var buffer: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = Glibc.read(output, &chunk, chunk.count)
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      buffer += chunk[..<count]
      while let message = Self.takeFrame(&buffer) {
        lock.lock()
        received.append(message)
        lock.broadcast()
        lock.unlock()
      }
    }
    lock.lock()
    ended = true
    lock.broadcast()
    lock.unlock()
  }

  private static func takeFrame(_ buffer: inout [UInt8]) -> [String: Any]? {
    let separator: [UInt8] = [13, 10, 13, 10]
    guard let end = (0..<max(0, buffer.count - 3)).first(where: { Array(buffer[$0..<$0 + 4]) == separator }) else { return nil }
    let header = String(decoding: buffer[..<end], as: UTF8.self)
    guard let line = header.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
      let length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)), buffer.count >= end + 4 + length
    else { return nil }
    let body = Data(buffer[(end + 4)..<(end + 4 + length)])
    buffer.removeFirst(end + 4 + length)
    return (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
  }
}
