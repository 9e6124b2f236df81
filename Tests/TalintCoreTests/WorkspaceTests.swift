import Foundation
import Testing

@testable import TalintCore

/// The one project set-up every front end uses (Sources/TalintCore/Run/Workspace.swift): the
/// command line's strict workspace and the editor's lenient one read a configuration alike,
/// say each problem once, and put the front end's overlay on top.
@Suite struct WorkspaceTests {
  /// A strict workspace (the command line) refuses an unusable configuration however often a
  /// walk asks for it, saying its problems once.
  @Test func aStrictWorkspaceRefusesAnUnusableConfigurationOnce() throws {
    let folder = try Self.project(config: "fail-on: sometimes\n")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let said = Said()
    let workspace = try Workspace(rules: [], knownRules: [], linted: [folder], strict: true) { said.lines.append($0) }
    for _ in 0..<3 {
      #expect(throws: ConfigurationRefused.self) { try workspace.configKey(for: folder + "/patch.yaml") }
    }
    #expect(said.lines.count == 1, "\(said.lines)")
    #expect(said.lines.first?.hasSuffix(".talint.yaml:1:10: error: fail-on must be one of error, warning, info, never") == true)
  }

  /// A lenient workspace (the editor) says the problem once and goes on with the defaults.
  @Test func aLenientWorkspaceSaysTheProblemAndUsesTheDefaults() throws {
    let folder = try Self.project(config: "fail-on: sometimes\nrequire-reason: true\n")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let said = Said()
    let workspace = try Workspace(rules: [], knownRules: [], linted: [folder], strict: false) { said.lines.append($0) }
    for _ in 0..<3 { _ = try workspace.configKey(for: folder + "/patch.yaml") }
    #expect(said.lines.count == 1, "\(said.lines)")
    let settings = workspace.effective(key: try workspace.configKey(for: folder + "/patch.yaml"))
    #expect(settings.failOn == .warning)
    #expect(!settings.settings.requireReason)
  }

  /// The overlay wins over the file, and a release talint does not know is judged as the
  /// nearest it knows, with one warning naming where it came from.
  @Test func theOverlayWinsAndAnUnknownReleaseIsSaidOnce() throws {
    let folder = try Self.project(config: "fail-on: error\nrequire-reason: true\n")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let said = Said()
    var overlay = SettingsOverlay(talosVersion: TalosVersion(parsing: "1.99"), select: ["TAL704"], failOn: .info)
    overlay.talosVersionSource = "the editor's setting"
    let workspace = try Workspace(rules: [], knownRules: [], overlay: overlay, linted: [folder], strict: true) { said.lines.append($0) }
    let key = try workspace.configKey(for: folder + "/patch.yaml")
    for _ in 0..<2 {
      let settings = workspace.effective(key: key)
      #expect(settings.failOn == .info)
      #expect(settings.settings.selection.select == ["TAL704"])
      #expect(settings.settings.forcedVersion == TalosVersion.newest)
      #expect(settings.settings.requireReason)
    }
    _ = workspace.linter(key: key)
    #expect(said.lines.count == 1, "\(said.lines)")
    #expect(said.lines.first?.contains("the editor's setting names Talos 1.99") == true, "\(said.lines)")
  }

  /// What the workspace said, in order.
  private final class Said: @unchecked Sendable {
    var lines: [String] = []
  }

  private static func project(config: String) throws -> String {
    let folder = NSTemporaryDirectory() + "talint-workspace-tests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
    try config.write(toFile: folder + "/.talint.yaml", atomically: true, encoding: .utf8)
    try "machine:\n  type: worker\n".write(toFile: folder + "/patch.yaml", atomically: true, encoding: .utf8)
    return folder
  }
}
