import Testing

@testable import TalintCore

/// The one precedence every command uses (`TalosRelease.resolve`), and how a release reads
/// from another file than the one it is written in.
@Suite struct ReleaseResolutionTests {
  static func release(_ text: String, _ source: String) throws -> TalosRelease {
    TalosRelease(try #require(TalosVersion(parsing: text)), source: source)
  }

  @Test func eachLevelWinsOverTheOnesAfterIt() throws {
    let evidence = try Self.release("1.10", "machine.install.image at line 7")
    let referrer = try Self.release("1.9", "talosVersion at line 2 of talconfig.yaml")
    let settings = try Self.release("1.13", "talos-version in .talint.yaml")
    let forced = try #require(TalosVersion(parsing: "1.12"))
    #expect(TalosRelease.resolve(forced: forced, evidence: evidence, referrer: referrer, settings: settings).source == "--talos-version")
    #expect(TalosRelease.resolve(forced: nil, evidence: evidence, referrer: referrer, settings: settings) == evidence)
    #expect(TalosRelease.resolve(forced: nil, evidence: nil, referrer: referrer, settings: settings) == referrer)
    #expect(TalosRelease.resolve(forced: nil, evidence: nil, referrer: nil, settings: settings) == settings)
  }

  /// A patch's release names the talconfig it is written in; a release talint does not know
  /// says so once, after the place.
  @Test func aReleaseWrittenElsewhereNamesItsFile() throws {
    let known = try Self.release("1.9.5", "talosVersion at line 2").written(in: "talos/talconfig.yaml")
    #expect(known.source == "talosVersion at line 2 of talos/talconfig.yaml")
    let ancient = try Self.release("0.12", "talosVersion at line 2").written(in: "talos/talconfig.yaml")
    #expect(ancient.source.hasPrefix("talosVersion at line 2 of talos/talconfig.yaml: Talos 0.12, judged as "), "\(ancient.source)")
    #expect(ancient.source.components(separatedBy: "judged as").count == 2)
  }
}
