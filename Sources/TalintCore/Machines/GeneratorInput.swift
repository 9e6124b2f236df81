import TalintYAML

/// What a tool hands Talos's config generator for one machine and writes over what it
/// generates, before any patch. talhelper (its `pkg/talos/input.go`, `pkg/talos/nodeconfig.go`,
/// `pkg/talos/multidocs.go`; see docs/talhelper.md): the cluster's name, endpoint, Kubernetes
/// version, DNS domain, networks and SANs, and the node's hostname, resolvers, install disk,
/// disks, labels, annotations, taints and SANs. Omni: the cluster's name and Kubernetes
/// version. Where a setting lands depends on the release — the network settings are
/// documents of their own from Talos 1.12, the Kubernetes settings from 1.14 — so the
/// documents are made for the release the machine is judged by. Fields are named as talhelper
/// names them.
public struct GeneratorInput: Sendable {
  /// A field as written: its value, and the field from its key to its value.
  struct Field: Sendable {
    var value: NodeID
    var range: SourceRange
  }

  /// The YAML the fields' values are nodes of (the talconfig, the Omni template document).
  var yaml: YAMLDocument
  var type: MachineType
  /// By talhelper's field name: the cluster's fields, and the node's (or its group's).
  var fields: [String: Field]
  /// What `${VAR}` in a value the generator reads (the Kubernetes version) stands for.
  var environment: TalhelperEnvironment

  /// The top-level fields read here.
  static let clusterFieldNames = [
    "clusterName", "endpoint", "kubernetesVersion", "domain", "clusterPodNets", "clusterSvcNets", "allowSchedulingOnControlPlanes",
    "allowSchedulingOnMasters", "additionalMachineCertSans", "additionalApiServerCertSans",
  ]
  /// The node fields read here (a node's value, else its group's).
  static let nodeFieldNames = [
    "hostname", "ignoreHostname", "nameservers", "disableSearchDomain", "installDisk", "installDiskSelector", "machineDisks", "nodeLabels",
    "nodeAnnotations", "nodeTaints", "certSANs",
  ]

  /// Talos 1.12 moved hostname and resolvers to their own documents; 1.14 moved the Kubernetes
  /// settings (the generated bases of those releases show both).
  static let networkDocuments = TalosVersion(1, 12)
  static let kubernetesDocuments = TalosVersion(1, 14)

  /// The field written on each line its fields span, for `render` to name
  /// (`# from talconfig.yaml:12 (clusterPodNets)`).
  var fieldsByLine: [Int: String] {
    var byLine: [Int: String] = [:]
    for (name, field) in fields where name != "ignoreHostname" {
      for line in field.range.start.line...max(field.range.start.line, field.range.end.line) { byLine[line] = name }
    }
    return byLine
  }

  /// The documents of the settings, one per document kind: each is merged over the generated
  /// base the way Talos merges a patch, so a list setting (pod subnets) replaces where Talos's
  /// merge replaces it.
  func documents(for release: TalosVersion) -> [PatchInput.Document] {
    var builder = Builder(source: yaml)
    let kubernetes = release >= Self.kubernetesDocuments
    let network = release >= Self.networkDocuments
    func place(_ name: String, v1alpha1: [String], typed: (kind: String, path: [String])? = nil) {
      guard let field = fields[name] else { return }
      let value = builder.substituted(builder.imported(field.value), environment)
      if kubernetes, let typed {
        builder.add(typed.path, value: value, at: field.range, kind: typed.kind)
      } else {
        builder.add(v1alpha1, value: value, at: field.range)
      }
    }
    place("clusterName", v1alpha1: ["cluster", "clusterName"], typed: ("KubeClusterConfig", ["clusterName"]))
    place("endpoint", v1alpha1: ["cluster", "controlPlane", "endpoint"], typed: ("KubeClusterConfig", ["endpoint"]))
    images(&builder, kubernetes: kubernetes)
    place("domain", v1alpha1: ["cluster", "network", "dnsDomain"], typed: ("KubeNetworkConfig", ["dnsDomain"]))
    place("clusterPodNets", v1alpha1: ["cluster", "network", "podSubnets"], typed: ("KubeNetworkConfig", ["podSubnets"]))
    place("clusterSvcNets", v1alpha1: ["cluster", "network", "serviceSubnets"], typed: ("KubeNetworkConfig", ["serviceSubnets"]))
    if type == .controlPlane && !kubernetes {
      // From 1.14 these are the control-plane taint and the API server's certificate, which
      // talint does not model: left to the generated base.
      place("allowSchedulingOnControlPlanes", v1alpha1: ["cluster", "allowSchedulingOnControlPlanes"])
      place("allowSchedulingOnMasters", v1alpha1: ["cluster", "allowSchedulingOnControlPlanes"])
      place("additionalApiServerCertSans", v1alpha1: ["cluster", "apiServer", "certSANs"])
    }
    place("additionalMachineCertSans", v1alpha1: ["machine", "certSANs"])
    hostname(&builder, network: network)
    if network {
      resolver(&builder)
    } else {
      place("nameservers", v1alpha1: ["machine", "network", "nameservers"])
      place("disableSearchDomain", v1alpha1: ["machine", "network", "disableSearchDomain"])
    }
    place("installDisk", v1alpha1: ["machine", "install", "disk"])
    place("installDiskSelector", v1alpha1: ["machine", "install", "diskSelector"])
    place("machineDisks", v1alpha1: ["machine", "disks"])
    place("nodeAnnotations", v1alpha1: ["machine", "nodeAnnotations"])
    place("nodeLabels", v1alpha1: ["machine", "nodeLabels"])
    place("nodeTaints", v1alpha1: ["machine", "nodeTaints"])
    place("certSANs", v1alpha1: ["machine", "certSANs"])
    return builder.documents()
  }

  /// `kubernetesVersion` names every component image the generator writes: the kubelet on
  /// every machine, the control plane's own on control planes (`v` added as Talos adds it).
  private func images(_ builder: inout Builder, kubernetes: Bool) {
    guard let field = fields["kubernetesVersion"], !yaml.isNull(field.value), let raw = yaml.scalar(field.value) else { return }
    let written = environment.substitute(raw) ?? raw
    let tag = "v" + (written.hasPrefix("v") ? String(written.dropFirst()) : written)
    var components: [(image: String, v1alpha1: [String], kind: String)] = [("ghcr.io/siderolabs/kubelet", ["machine", "kubelet"], "KubeletConfig")]
    if type == .controlPlane {
      components += [
        ("registry.k8s.io/kube-apiserver", ["cluster", "apiServer"], "KubeAPIServerConfig"),
        ("registry.k8s.io/kube-controller-manager", ["cluster", "controllerManager"], "KubeControllerManagerConfig"),
        ("registry.k8s.io/kube-scheduler", ["cluster", "scheduler"], "KubeSchedulerConfig"),
        ("registry.k8s.io/kube-proxy", ["cluster", "proxy"], "KubeProxyConfig"),
      ]
    }
    for component in components {
      let image = builder.yaml.append(.scalar(component.image + ":" + tag, .plain), range: yaml[field.value].range)
      if kubernetes {
        builder.add(["image"], value: image, at: field.range, kind: component.kind)
      } else {
        builder.add(component.v1alpha1 + ["image"], value: image, at: field.range)
      }
    }
  }

  /// The node's hostname: `machine.network.hostname` before 1.12, then a HostnameConfig that
  /// turns the automatic hostname off — unless `ignoreHostname` keeps Talos's stable one.
  private func hostname(_ builder: inout Builder, network: Bool) {
    guard let field = fields["hostname"] else { return }
    if let ignore = fields["ignoreHostname"], yaml.scalar(ignore.value) == "true" { return }
    guard network else {
      builder.add(["machine", "network", "hostname"], value: builder.imported(field.value), at: field.range)
      return
    }
    let off = builder.yaml.append(.scalar("off", .plain), range: field.range)
    builder.addMapping([("hostname", builder.imported(field.value)), ("auto", off)], at: field.range, kind: "HostnameConfig")
  }

  /// From 1.12 the resolvers are a ResolverConfig: each nameserver an `address`, the default
  /// search domain turned off by `searchDomains.disableDefault`.
  private func resolver(_ builder: inout Builder) {
    if let field = fields["nameservers"] {
      let addresses = (yaml.isSequence(field.value) ? Array(yaml.elements(field.value)) : []).map { element in
        builder.mapping([("address", builder.imported(element))], at: yaml[element].range)
      }
      let list = builder.yaml.append(.sequence(addresses), range: yaml[field.value].range)
      builder.add(["nameservers"], value: list, at: field.range, kind: "ResolverConfig")
    }
    if let field = fields["disableSearchDomain"] {
      builder.add(["searchDomains", "disableDefault"], value: builder.imported(field.value), at: field.range, kind: "ResolverConfig")
    }
  }

  /// Builds the documents in an arena of their own, the fields' values copied in (a copy of a
  /// whole talconfig's YAML per machine was most of the cost): the settings of each document
  /// kind gathered into one mapping, so a machine merges a handful of documents, not one per
  /// field.
  private struct Builder {
    let source: YAMLDocument
    var yaml = YAMLDocument.arena()
    private var settings: [Setting] = []
    /// Nodes copied from the source so far: a value that expands through aliases stops here.
    private var copied = 0
    private static let copyLimit = 100_000

    private struct Setting {
      var kind: String?
      var path: ArraySlice<String>
      var value: NodeID
      var range: SourceRange
    }

    init(source: YAMLDocument) { self.source = source }

    /// The source's value at `node`, copied into the arena with its positions (aliases
    /// expanded, up to a limit past which the rest is null).
    mutating func imported(_ node: NodeID) -> NodeID {
      let id = source.resolve(node)
      let range = source[id].range
      copied += 1
      guard copied <= Self.copyLimit else { return yaml.append(.scalar("", .plain), range: range) }
      switch source.content(id) {
      case .scalar:
        return yaml.appendScalar(copying: id, of: source, range: range, tag: source.tag(id))
      case .mapping(let pairs):
        let copiedPairs = pairs.map { Pair(key: imported($0.key), value: imported($0.value)) }
        return yaml.append(.mapping(copiedPairs), range: range)
      case .sequence(let items):
        return yaml.append(.sequence(items.map { imported($0) }), range: range)
      case .alias:
        return yaml.append(.scalar("", .plain), range: range)
      }
    }

    mutating func add(_ path: [String], value: NodeID, at range: SourceRange, kind: String? = nil) {
      settings.append(Setting(kind: kind, path: path[...], value: value, range: range))
    }

    mutating func addMapping(_ pairs: [(String, NodeID)], at range: SourceRange, kind: String) {
      for (key, value) in pairs { add([key], value: value, at: range, kind: kind) }
    }

    /// One document per kind, in the order the kinds were first set.
    mutating func documents() -> [PatchInput.Document] {
      var kinds: [String?] = []
      for setting in settings where !kinds.contains(setting.kind) { kinds.append(setting.kind) }
      let roots = kinds.map { kind in (root: node(for: settings.filter { $0.kind == kind }), kind: kind) }
      return roots.map { PatchInput.Document(yaml: yaml, root: $0.root, kind: $0.kind) }
    }

    /// The mapping the settings' paths describe from here down. Two settings of one path
    /// (the machine's SANs from the cluster and from the node) are one list, as two patches
    /// appending to it would make.
    private mutating func node(for settings: [Setting]) -> NodeID {
      let leaves = settings.filter { $0.path.isEmpty }
      if let last = leaves.last {
        guard leaves.count > 1, leaves.allSatisfy({ yaml.isSequence($0.value) }) else { return last.value }
        return yaml.append(.sequence(leaves.flatMap { yaml.elements($0.value) }), range: leaves[0].range)
      }
      // A handful of keys per level: a list searched in order is cheaper than hashing them.
      var groups: [(key: String, settings: [Setting])] = []
      for var setting in settings {
        let key = setting.path.removeFirst()
        if let index = groups.firstIndex(where: { $0.key == key }) {
          groups[index].settings.append(setting)
        } else {
          groups.append((key, [setting]))
        }
      }
      var pairs: [Pair] = []
      for group in groups {
        let key = yaml.append(.scalar(group.key, .plain), range: group.settings[0].range)
        pairs.append(Pair(key: key, value: node(for: group.settings)))
      }
      return yaml.append(.mapping(pairs), range: settings[0].range)
    }

    /// A scalar, or a list of scalars, with `${VAR}` filled in where the environment knows
    /// it (a new node where the text changes: the talconfig's stays as written).
    mutating func substituted(_ node: NodeID, _ environment: TalhelperEnvironment) -> NodeID {
      switch yaml.content(node) {
      case .scalar(let text, let style):
        guard text.contains("$"), let known = environment.substitute(text), known != text else { return node }
        return yaml.append(.scalar(known, style), range: yaml[node].range)
      case .sequence(let items):
        let filled = items.map { self.substituted($0, environment) }
        return filled == items ? node : yaml.append(.sequence(filled), range: yaml[node].range)
      default:
        return node
      }
    }

    mutating func mapping(_ pairs: [(String, NodeID)], at range: SourceRange) -> NodeID {
      let built = pairs.map { key, value in Pair(key: yaml.append(.scalar(key, .plain), range: range), value: value) }
      return yaml.append(.mapping(built), range: range)
    }
  }
}
