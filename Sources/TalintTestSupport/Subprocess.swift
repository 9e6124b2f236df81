import Foundation

/// Runs a program and captures what it prints, for tests that drive the real binary or ask
/// python3 for a second opinion.
public struct ProcessOutput: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
  /// True when the program ended by a signal (a crash, or the timeout's kill).
  public var signaled: Bool
  /// Wall time.
  public var seconds: Double
}

extension Pipe {
  /// Drains a pipe on another thread.
  final class Reader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
      Thread.detachNewThread { [self] in
        data = handle.readDataToEndOfFile()
        done.signal()
      }
    }

    func wait() -> Data {
      done.wait()
      return data
    }
  }
}

public enum Subprocess {
  public static func run(
    _ executable: String, _ arguments: [String], stdin: [UInt8]? = nil, directory: String? = nil, timeout: Double = 120
  ) throws -> ProcessOutput {
    let started = ContinuousClock.now
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.removeValue(forKey: "GITHUB_ACTIONS")
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    // A hung child is killed, so a hang shows up as a failed test instead of a stuck run.
    let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    defer { watchdog.cancel() }
    if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
    try input.fileHandleForWriting.close()
    // Read both pipes at once: a child that fills one while we wait on the other would block.
    let errReader = Pipe.Reader(err.fileHandleForReading)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = errReader.wait()
    process.waitUntilExit()
    let elapsed = ContinuousClock.now - started
    return ProcessOutput(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self), signaled: process.terminationReason == .uncaughtSignal,
      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
  }

  /// The path of a program on PATH, or nil.
  public static func which(_ name: String) -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}
