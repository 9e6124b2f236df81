import TalintCore
import TalintTestSupport
import Testing

private func config(_ text: String) -> TalosConfig {
  TalosConfig(YAMLParser.parse(Array(text.utf8)).documents)
}

@Suite struct ClassificationTests {
  @Test func fullConfigPatchTypedSchematicAndOther() {
    let file = config(
      """
      version: v1alpha1
      machine:
        type: controlplane
        token: abc.def
      cluster: {}
      ---
      version: v1alpha1
      machine:
        type: controlplane
        sysctls: {}
      ---
      apiVersion: v1alpha1
      kind: NetworkRuleConfig
      name: x
      ---
      customization:
        extraKernelArgs: []
      ---
      apiVersion: apps/v1
      kind: Deployment
      ---
      clusterName: talhelper
      nodes: []
      """)
    #expect(
      file.documents.map(\.kind) == [
        .v1alpha1(full: true), .v1alpha1(full: false), .typed("NetworkRuleConfig"), .schematic, .other, .other,
      ])
    #expect(file.machineType == .controlPlane)
    #expect(file.hasFullConfig)
  }

  /// A complete config is what `talosctl gen config` writes: a type and the machine's token or
  /// CA. A `version: v1alpha1` overlay without them is a patch, whose absent keys mean nothing.
  @Test func onlyACompleteConfigIsFull() {
    #expect(config("version: v1alpha1\nmachine:\n  type: worker\n  ca:\n    crt: x\n").hasFullConfig)
    #expect(!config("version: v1alpha1\nmachine:\n  type: worker\n").hasFullConfig)
    #expect(!config("version: v1alpha1\nmachine:\n  token: x\n").hasFullConfig)
  }

  @Test func patchDeleteMarkersBecomeRemovals() {
    let file = config(
      """
      cluster:
        apiServer:
          auditPolicy:
            $patch: delete
          admissionControl:
            - name: PodSecurity
              $patch: delete
      ---
      apiVersion: v1alpha1
      kind: KubeAdmissionControlConfig
      name: PodSecurity
      $patch: delete
      """)
    let removals = file.v1alpha1Removals
    #expect(removals.map(\.path) == [["cluster", "apiServer", "auditPolicy"], ["cluster", "apiServer", "admissionControl"]])
    #expect(removals[1].item?.key == "name" && removals[1].item?.value == "PodSecurity")
    #expect(removals[0].range.start == SourcePosition(line: 4, column: 7))
    #expect(file.documents(ofKind: .kubeAdmissionControlConfig).isEmpty)
    #expect(file.deletedDocuments(ofKind: .kubeAdmissionControlConfig).count == 1)
  }

  @Test func machineTypesFollowTalos() {
    #expect(config("version: v1alpha1\nmachine:\n  type: init\n").machineType == .controlPlane)
    #expect(config("version: v1alpha1\nmachine:\n  type: join\n").machineType == .worker)
    #expect(config("version: v1alpha1\nmachine:\n  type: \"\"\n").machineType == .worker)
    #expect(config("machine:\n  install: {}\n").machineType == nil)
  }

  @Test func sopsMetadataDoesNotChangeTheKind() {
    let file = config("machine:\n  token: ENC[AES256_GCM,data:eA==,type:str]\nsops:\n  version: 3.9.0\n")
    #expect(file.documents.map(\.kind) == [.v1alpha1(full: false)])
  }

  @Test func jsonPatchOperationsBecomePatchTrees() throws {
    let file = config(
      """
      - op: add
        path: /machine/install/extraKernelArgs/-
        value: pti=off
      - op: replace
        path: /cluster/apiServer/extraArgs/profiling
        value: "true"
      - op: remove
        path: /cluster/apiServer/admissionControl
      - op: add
        path: /machine/sysctls/net.ipv4~1conf~1all~1accept_redirects
        value: "0"
      """)
    #expect(file.documents.count == 3)
    #expect(file.documents.allSatisfy { $0.kind == .jsonPatch })
    let args = file.views.kernelArgs
    #expect(args.map(\.value.text) == ["pti=off"])
    #expect(args.first?.range.start == SourcePosition(line: 3, column: 10))
    let profiling = file.views.extraArgs(.apiServer, named: "profiling")
    #expect(profiling.first?.values.first?.string == "true")
    #expect(file.documents[0].removals.map(\.path) == [["cluster", "apiServer", "admissionControl"]])
    #expect(file.views.hardenedSysctls.map(\.name) == ["net.ipv4.conf.all.accept_redirects"])
    let list = try #require(file.find(.v1alpha1(["machine", "install", "extraKernelArgs"])).first)
    #expect(list.isPartialSequence)
  }

  @Test func findFollowsWildcards() {
    let file = config(
      """
      machine:
        registries:
          config:
            a.example: {tls: {insecureSkipVerify: true}}
            b.example: {tls: {insecureSkipVerify: false}}
      """)
    let found = file.find(.v1alpha1(["machine", "registries", "config", "*", "tls", "insecureSkipVerify"]))
    #expect(found.map(\.keyPath) == [
      "machine.registries.config.a.example.tls.insecureSkipVerify",
      "machine.registries.config.b.example.tls.insecureSkipVerify",
    ])
    #expect(found.map(\.bool) == [true, false])
  }

  /// The one-walk lookup of many locations finds what looking each up alone finds, in the same
  /// order: prefixes shared and not, wildcards, typed kinds, several documents.
  @Test func locationSetsFindWhatEachLocationFinds() {
    let file = config(
      """
      machine:
        token: a
        ca: {crt: c, key: k}
        registries:
          config:
            a.example: {auth: {password: p1, auth: x}}
            b.example: {auth: {password: p2}}
      ---
      machine:
        token: b
      cluster:
        ca: {key: k2}
      ---
      apiVersion: v1alpha1
      kind: WireguardConfig
      privateKey: w
      peers: [{presharedKey: s1}, {presharedKey: s2}]
      ---
      customization:
        extraKernelArgs: [a, b]
      """)
    let locations: [SettingLocation] = [
      .v1alpha1(["machine", "ca"]), .v1alpha1(["machine", "ca", "key"]), .v1alpha1(["machine", "token"]),
      .v1alpha1(["machine", "registries", "config", "*", "auth", "password"]), .v1alpha1(["machine", "registries", "config", "*", "auth", "auth"]),
      .v1alpha1(["cluster", "ca", "key"]), .v1alpha1(["*", "ca"]), .typed(TalosKind("WireguardConfig"), ["peers", "[]", "presharedKey"]),
      .typed(TalosKind("WireguardConfig"), ["privateKey"]), .typed(TalosKind("HCloudVIPConfig"), ["apiToken"]), .schematic(["customization", "extraKernelArgs", "[]"]),
    ]
    let together = file.find(SettingLocations(locations))
    let oneByOne = locations.flatMap { file.find($0) }
    #expect(together.map(\.keyPath) == oneByOne.map(\.keyPath))
    #expect(together.map(\.range) == oneByOne.map(\.range))
    #expect(together.count == 15)
  }

  /// The same on every fixture, with the 42 locations of the plaintext-secret rule.
  @Test func secretLocationsFindWhatEachFindsInEveryFixture() {
    for path in Paths.files(in: Paths.fixtures, suffixes: [".yaml", ".yml"]) {
      let file = TalosConfig(YAMLParser.parse(Paths.read(path)).documents)
      let together = file.find(SecretFields.locations)
      let oneByOne = SecretFields.locations.locations.flatMap { file.find($0) }
      #expect(together.map(\.keyPath) == oneByOne.map(\.keyPath), "\(path)")
      #expect(together.map(\.range) == oneByOne.map(\.range), "\(path)")
    }
  }

  @Test func extraArgsAcceptStringsAndLists() {
    let file = config(
      """
      cluster:
        apiServer:
          extraArgs:
            --profiling: "true"
            feature-gates:
              - A=true
              - B=false
      """)
    let args = file.views.extraArgs(.apiServer)
    #expect(args.map(\.name) == ["profiling", "feature-gates"])
    #expect(args[1].values.map(\.string) == ["A=true", "B=false"])
  }
}
