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

  /// One document per setting, in talhelper's order: each is merged over the generated base
  /// the way Talos merges a patch, so a list setting (pod subnets) replaces where Talos's merge
  /// replaces it.
  func documents(for release: TalosVersion) -> [PatchInput.Document] {
    var builder = Builder(yaml: yaml)
    let kubernetes = release >= Self.kubernetesDocuments
    let network = release >= Self.networkDocuments
    func place(_ name: String, v1alpha1: [String], typed: (kind: String, path: [String])? = nil) {
      guard let field = fields[name] else { return }
      let value = builder.substituted(field.value, environment)
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
    return builder.documents
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
      builder.add(["machine", "network", "hostname"], value: field.value, at: field.range)
      return
    }
    let off = builder.yaml.append(.scalar("off", .plain), range: field.range)
    builder.addMapping([("hostname", field.value), ("auto", off)], at: field.range, kind: "HostnameConfig")
  }

  /// From 1.12 the resolvers are a ResolverConfig: each nameserver an `address`, the default
  /// search domain turned off by `searchDomains.disableDefault`.
  private func resolver(_ builder: inout Builder) {
    if let field = fields["nameservers"] {
      let addresses = (yaml.isSequence(field.value) ? Array(yaml.elements(field.value)) : []).map { element in
        builder.mapping([("address", element)], at: yaml[element].range)
      }
      let list = builder.yaml.append(.sequence(addresses), range: yaml[field.value].range)
      builder.add(["nameservers"], value: list, at: field.range, kind: "ResolverConfig")
    }
    if let field = fields["disableSearchDomain"] {
      builder.add(["searchDomains", "disableDefault"], value: field.value, at: field.range, kind: "ResolverConfig")
    }
  }

  /// Builds the documents in one copy of the source YAML (a copy per document would be
  /// a copy per setting per machine).
  private struct Builder {
    var yaml: YAMLDocument
    var roots: [(root: NodeID, kind: String?)] = []

    var documents: [PatchInput.Document] {
      roots.map { PatchInput.Document(yaml: yaml, root: $0.root, kind: $0.kind) }
    }

    mutating func add(_ path: [String], value: NodeID, at range: SourceRange, kind: String? = nil) {
      roots.append((yaml.wrap(path, around: value, at: range).root, kind))
    }

    mutating func addMapping(_ pairs: [(String, NodeID)], at range: SourceRange, kind: String) {
      roots.append((mapping(pairs, at: range), kind))
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
