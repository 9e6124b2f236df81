import TalintCore
import Testing

/// What talint takes a file for (issue 20): decided from the parse for YAML, from a sniff of
/// the text for a file that is not valid YAML.
@Suite struct FileRoleTests {
  func role(_ text: String, path: String = "file.yaml", namedBy: String? = nil) -> FileRole? {
    Linter(rules: []).analyze(bytes: Array(text.utf8), path: path, namedBy: namedBy).role
  }

  @Test func talosFilesAreTalos() {
    #expect(role("version: v1alpha1\nmachine:\n  type: worker\n  token: abc\n  ca:\n    crt: x\n")?.kind == .machineConfig)
    #expect(role("machine:\n  network:\n    hostname: cp1\n")?.kind == .patch)
    #expect(role("cluster:\n  apiServer:\n    extraArgs: {profiling: \"true\"}\n")?.kind == .patch)
    #expect(role("- op: add\n  path: /machine/install/extraKernelArgs/-\n  value: x\n")?.kind == .patch)
    #expect(role("- op: remove\n  path: /cluster/proxy\n")?.kind == .patch)
    #expect(role("apiVersion: v1alpha1\nkind: NetworkRuleConfig\nname: apid\n")?.kind == .documents)
    #expect(role("apiVersion: v1alpha1\nkind: KubeSpanEndpointsConfig\nextraAnnouncedEndpoints: []\n")?.kind == .documents)
    #expect(role("customization:\n  systemExtensions:\n    officialExtensions: [siderolabs/i915]\n")?.kind == .schematic)
    #expect(role("clusterName: home\nnodes:\n  - hostname: cp1\n")?.kind == .talconfig)
    #expect(role("kind: Cluster\nname: home\ntalos:\n  version: v1.9.0\n")?.kind == .omniTemplate)
  }

  @Test func otherYAMLIsSkippedWithAReason() {
    let manifest = role("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n")
    #expect(manifest?.kind == .skipped)
    #expect(manifest?.reason == "apps/v1 Deployment, not a Talos document kind")
    // Cilium's values: `cluster:` with keys Talos does not have.
    #expect(role("cluster:\n  name: home\n  id: 1\nhubble:\n  enabled: true\n")?.kind == .skipped)
    // cloud-init and docker-compose say `debug:`, which Talos's decoder would take.
    #expect(role("#cloud-config\ndebug: true\nhostname: bastion\n")?.reason == "a cloud-init config")
    #expect(role("services:\n  web:\n    image: nginx\ndebug: true\n")?.kind == .skipped)
    // A kustomize JSON6902 patch of a Deployment.
    #expect(role("- op: replace\n  path: /spec/replicas\n  value: 3\n")?.reason == "a JSON6902 patch of /spec/replicas, not of /machine or /cluster")
    // A kind Talos does not define, with Talos's bare API version.
    #expect(role("apiVersion: v1alpha1\nkind: SomethingElse\n")?.kind == .skipped)
    #expect(role("customization:\n  theme: dark\n")?.kind == .skipped)
    #expect(role("")?.kind == .skipped)
  }

  @Test func aFileSomethingNamesIsTalosWhateverItHolds() {
    let named = role("debug: true\n", namedBy: "referenced by talconfig.yaml")
    #expect(named?.kind == .named)
    #expect(named?.description == "Talos file (referenced by talconfig.yaml)")
    #expect(role("machine:\n  sysctls: {}\n", namedBy: "referenced by talconfig.yaml")?.description == "patch (referenced by talconfig.yaml)")
  }

  /// A file that is not valid YAML is judged when its text reads like Talos, and only then.
  @Test func brokenFilesAreSniffedBothWays() {
    let talos = [
      "machine:\n  install:\n    extraKernelArgs: [a\n  kubelet: {}\n",
      "# a patch\ncluster:\n  # the API server\n  apiServer: {extraArgs: [\n",
      "version: v1alpha1\nmachine: [\n",
      "apiVersion: v1alpha1\nkind: NetworkRuleConfig\ningress: [\n",
      "clusterName: x\ntalosVersion: v1.13.0\nnodes: [\n",
      "- op: add\n  path: /machine/sysctls\n  value: {a: [\n",
      "kind: Cluster\nname: x\ntalos: {version: [\n",
    ]
    for text in talos {
      let analysis = Linter(rules: []).analyze(bytes: Array(text.utf8), path: "broken.yaml")
      #expect(analysis.diagnostics.map(\.ruleID) == ["TAL001"], "\(text)")
      #expect(analysis.failed, "\(text)")
    }
    let other = [
      "image:\n  repository: jellyfin/jellyfin\npersistence:\n  config:\n    accessModes: [ReadWriteOnce\n  media: {}\n",
      "cluster:\n  name: home\n  id: [\n",
      "apiVersion: cluster.x-k8s.io/v1beta1\nkind: Cluster\nspec: [\n",
      "- op: replace\n  path: /spec/replicas\n  value: [\n",
      "[Unit]\nDescription=x\n{% if a %}\n",
    ]
    for text in other {
      let analysis = Linter(rules: []).analyze(bytes: Array(text.utf8), path: "broken.yaml")
      #expect(analysis.diagnostics.isEmpty, "\(text)")
      #expect(!analysis.failed, "\(text)")
      #expect(analysis.role?.kind == .skipped, "\(text)")
    }
  }

  @Test func theSniffReadsTopLevelLinesOnly() {
    // `machine:` nested in something else, and a Talos key at a deeper level, are not Talos.
    #expect(!TalosSniff.looksTalos(.text(of: Array("nodes:\n  machine:\n    network: {}\n".utf8))))
    #expect(!TalosSniff.looksTalos(.text(of: Array("machine:\n  name: x\n  extra:\n    network: {}\n".utf8))))
    #expect(TalosSniff.looksTalos(.text(of: Array("machine: # the node\n  sysctls: {\n".utf8))))
    #expect(TalosSniff.looksTalos(.text(of: Array("version: \"v1alpha1\"\n".utf8))))
  }

  /// Templates of other languages are never read, so never TAL007; templates of YAML are
  /// judged by what they hold.
  @Test func onlyTemplatesOfYAMLAreRead() {
    for name in ["k3s.service.j2", "main.py.j2", "config.h.j2", "eth0.nmconnection.j2", "frr.conf.j2", "values.toml.tpl"] {
      #expect(!TemplateMasking.rendersYAML(name), "\(name)")
      let analysis = Linter(rules: []).analyze(bytes: Array("[Unit]\n{% if x %}\nmachine:\n  sysctls: {\n".utf8), path: name)
      #expect(analysis.diagnostics.isEmpty, "\(name)")
      #expect(analysis.role?.kind == .skipped, "\(name)")
    }
    for name in ["controlplane.yaml.j2", "worker.yml.tpl", "talconfig.j2", "nodes.tmpl", "patch.yaml.gotmpl"] {
      #expect(TemplateMasking.rendersYAML(name), "\(name)")
    }
    // A Talos template that cannot be read once masked: TAL007, an info.
    let talos = Linter(rules: []).analyze(bytes: Array("cluster:\n  inlineManifests:\n    - contents: {{ x | indent(8) }}\n        extra: value\n".utf8), path: "cp.yaml.j2")
    #expect(talos.diagnostics.map(\.ruleID) == ["TAL007"])
    // Helm values kept as a template, in the same state: not Talos's.
    let values = Linter(rules: []).analyze(bytes: Array("image:\n  tag: {{ tag }}\n    extra: value\n".utf8), path: "values.yaml.j2")
    #expect(values.diagnostics.isEmpty)
  }

  /// makejinja's delimiters (`#% %#`, `#{ }#`, `#| #|`) are read as Jinja's: control lines
  /// blanked with their branches kept, expressions opaque.
  @Test func makejinjaDelimitersAreMasked() {
    let text = "#| cluster template #|\nclusterName: #{ name }#\n#% if vip %#\nendpoint: a\n#% else %#\nendpoint: b\n#% endif %#\n"
    let masking = TemplateMasking(Array(text.utf8), path: "talconfig.yaml.j2")
    let masked = String(decoding: masking.text, as: UTF8.self)
    #expect(!masked.contains("#"))
    #expect(masked.contains("clusterName: \u{FFFC}"))
    #expect(masking.branches.exclusive(4, 6))
    #expect(!masking.branches.exclusive(2, 4))
    #expect(masking.engine == .jinja)
  }
}
