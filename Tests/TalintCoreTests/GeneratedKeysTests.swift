import Testing

@testable import TalintCore

/// What `talosctl gen config` writes for a release (Sources/TalintCore/Machines/GeneratedKeys.swift),
/// asked of the generated bases TAL015 leaves alone.
@Suite struct GeneratedKeysTests {
  private let release = TalosVersion(parsing: "1.13")!

  @Test func keysTheGeneratorWritesAreFoundAtAnyDepth() {
    #expect(GeneratedKeys.written("persist", release: release))
    #expect(GeneratedKeys.written("machine.install.grubUseUKICmdline", release: release))
    #expect(GeneratedKeys.written("cluster.discovery.registries.kubernetes.disabled", release: release))
    // A typed document of the base counts too.
    #expect(GeneratedKeys.written("auto", release: release))
  }

  @Test func listIndicesAreIgnoredAndKeysBelowAListAreNotTheGenerators() {
    #expect(GeneratedKeys.written("cluster.network.podSubnets[0]", release: release))
    #expect(!GeneratedKeys.written("cluster.network.podSubnets.cidr", release: release))
  }

  @Test func aKeyTheGeneratorLeavesOutIsNotWritten() {
    #expect(!GeneratedKeys.written("machine.network", release: release))
    #expect(!GeneratedKeys.written("machine.install.disk", release: release))
    // A prefix of a written key is no key of its own.
    #expect(!GeneratedKeys.written("machine.install.grub", release: release))
    #expect(!GeneratedKeys.written("machine.install.grubUseUKICmdline.more", release: release))
  }
}
