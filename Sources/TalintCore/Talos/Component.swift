/// A Kubernetes or Talos component whose flags a config can change through `extraArgs`.
public enum Component: String, CaseIterable, Sendable {
  case apiServer = "kube-apiserver"
  case controllerManager = "kube-controller-manager"
  case scheduler = "kube-scheduler"
  case proxy = "kube-proxy"
  case etcd
  case kubelet

  /// True for the components that run on control-plane machines only.
  public var isControlPlane: Bool { self == .apiServer || self == .controllerManager || self == .scheduler || self == .etcd }

  /// Where the legacy v1alpha1 document keeps this component's `extraArgs`.
  var legacyPath: [String] {
    switch self {
    case .apiServer: ["cluster", "apiServer", "extraArgs"]
    case .controllerManager: ["cluster", "controllerManager", "extraArgs"]
    case .scheduler: ["cluster", "scheduler", "extraArgs"]
    case .proxy: ["cluster", "proxy", "extraArgs"]
    case .etcd: ["cluster", "etcd", "extraArgs"]
    case .kubelet: ["machine", "kubelet", "extraArgs"]
    }
  }

  /// Where the component is in `allCases`: the index of its value in a `PerComponent`.
  var position: Int { Self.ordered.firstIndex(of: self)! }
  private static let ordered = allCases

  /// The multi-document kind that holds this component's `extraArgs` (etcd has none).
  var documentKind: TalosKind? {
    switch self {
    case .apiServer: .kubeAPIServerConfig
    case .controllerManager: .kubeControllerManagerConfig
    case .scheduler: .kubeSchedulerConfig
    case .proxy: .kubeProxyConfig
    case .etcd: nil
    case .kubelet: .kubeletConfig
    }
  }
}

/// One value per component, kept by position: rules ask for a component's `extraArgs` and
/// refused flags thousands of times a run, and a Dictionary hashed the enum for each.
struct PerComponent<Value: Sendable>: Sendable {
  private var values: [Value]

  init(_ make: (Component) -> Value) { values = Component.allCases.map(make) }

  subscript(component: Component) -> Value {
    get { values[component.position] }
    // In place: `table[c] += more` must not copy the whole list each time (a get and a set
    // would, making a file of thousands of documents quadratic).
    _modify { yield &values[component.position] }
  }
}
