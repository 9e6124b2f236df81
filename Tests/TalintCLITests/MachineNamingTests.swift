import Foundation
import TalintTestSupport
import Testing

/// Machines are named unambiguously across a run, and only files talhelper or Omni would read
/// make machines.
@Suite struct MachineNamingTests {
  static func omniTemplate(cluster: String) -> String {
    """
    kind: Cluster
    name: \(cluster)
    kubernetes:
      version: v1.33.2
    talos:
      version: v1.13.1
    ---
    kind: ControlPlane
    machines: [aaaaaaaa-0000-0000-0000-000000000000]
    ---
    kind: Workers
    name: gpu
    machines: [bbbbbbbb-0000-0000-0000-000000000000]
    patches:
      - name: kptr
        inline:
          machine:
            sysctls:
              kernel.kptr_restrict: "1"

    """
  }

  @Test func machineSetsOfOneNameInTwoOmniClustersAreNamedByCluster() throws {
    let root = try ScratchTree.make(["prod.yaml": Self.omniTemplate(cluster: "prod"), "staging.yaml": Self.omniTemplate(cluster: "staging")])
    let lint = try Subprocess.run(Paths.binary, ["lint", "--format", "json", "."], directory: root)
    let report = try JSONSerialization.jsonObject(with: Data(lint.stdout.utf8)) as? [String: Any]
    let diagnostics = try #require(report?["diagnostics"] as? [[String: Any]])
    let machines = Set(diagnostics.flatMap { $0["machines"] as? [String] ?? [] })
    #expect(machines == ["prod/gpu", "staging/gpu"], "\(lint.stdout)")
    let render = try Subprocess.run(Paths.binary, ["render", "--machine", "staging/gpu", "."], directory: root)
    #expect(render.status == 0, "\(render.stderr)")
    #expect(render.stdout.hasPrefix("# machine staging/gpu (worker)"))
    // Omni's kubernetes.version names the component images, its Cluster name the cluster.
    #expect(render.stdout.contains("image: ghcr.io/siderolabs/kubelet:v1.33.2"))
    #expect(render.stdout.contains("clusterName: staging"))
  }

  @Test func talhelperNodesOfOneHostnameInTwoClustersAreNamedByCluster() throws {
    let talconfig = { (cluster: String) in
      "clusterName: \(cluster)\ntalosVersion: v1.13.0\nendpoint: https://10.0.0.1:6443\nnodes:\n  - hostname: cp1\n    controlPlane: true\n"
        + "patches:\n  - |-\n    machine:\n      sysctls:\n        kernel.kptr_restrict: \"1\"\n"
    }
    let root = try ScratchTree.make(["prod/talconfig.yaml": talconfig("prod"), "staging/talconfig.yaml": talconfig("staging")])
    let lint = try Subprocess.run(Paths.binary, ["lint", "."], directory: root)
    #expect(lint.stdout.contains("(machine: prod/cp1)") && lint.stdout.contains("(machine: staging/cp1)"), "\(lint.stdout)")
    let alone = try Subprocess.run(Paths.binary, ["lint", "prod"], directory: root)
    #expect(alone.stdout.contains("(machine: cp1)"), "\(alone.stdout)")
  }

  @Test func aMachineSetNamedOnceKeepsItsName() throws {
    let root = try ScratchTree.make(["prod.yaml": Self.omniTemplate(cluster: "prod")])
    let render = try Subprocess.run(Paths.binary, ["render", "--machine", "gpu", "."], directory: root)
    #expect(render.status == 0, "\(render.stderr)")
  }

  /// A topf.yaml has clusterName and nodes too, but its nodes are `host`/`role`: no machines.
  @Test func anotherToolsClusterFileMakesNoMachines() throws {
    let render = try Subprocess.run(Paths.binary, ["render", "--machine", "node1", "Fixtures/other-tools"], directory: Paths.packageRoot)
    #expect(render.status == 64)
    #expect(render.stderr.contains("machines here: none"), "\(render.stderr)")
  }
}
