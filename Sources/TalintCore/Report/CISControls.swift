/// The CIS Kubernetes Benchmark v1.10 controls as kube-bench's `cis-1.10` encodes them (IDs,
/// Automated or Manual, scored), with how Talos decides each: which flag or document, and what
/// Talos passes on each release. docs/cis.md explains every row; this is its data.
public enum CISControls {
  public static let all: [CISControl] = master + etcd + controlPlane + node + policies

  /// Talos's API server cipher list on 1.12 and 1.13 (the cis-1.12 list); 1.14 sets none and
  /// requires TLS 1.3.
  static let talos112Ciphers = [
    "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
  ]
  /// The suites cis-1.10 accepts for the API server (1.2.29).
  static let apiServerCiphers =
    talos112Ciphers + [
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
      "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
    ]
  /// The suites cis-1.10 accepts for the kubelet (4.2.12), which is also Talos 1.11's API server
  /// list (taken for 1.8 to 1.11): two `TLS_RSA_*` suites that 1.2.29 no longer accepts.
  static let kubeletCiphers = [
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_GCM_SHA256",
  ]

  private static func control(
    _ id: String, _ title: String, _ target: CISControl.Target, automated: Bool, scored: Bool? = nil, _ check: CISCheck, fix: String
  ) -> CISControl {
    CISControl(id: id, title: title, target: target, automated: automated, scored: scored ?? automated, check: check, remediation: fix)
  }

  private static let permissionsFix = "Talos owns its files; there is nothing to set in the machine config. Check on a node if required."
  private static let clusterFix = "Check the cluster's objects (RBAC, service accounts) with kubectl; a machine config does not hold them."
  private static let manualFix = "A person checks this against the cluster and its workloads; kube-bench has no test for it."

  private static func files(_ id: String, _ title: String, _ target: CISControl.Target, automated: Bool) -> CISControl {
    control(id, title, target, automated: automated, .filePermissions, fix: permissionsFix)
  }

  private static func apiServer(
    _ id: String, _ title: String, automated: Bool, _ flag: String, _ test: CISFlag.Test, _ talos: TalosSetting, additive: Bool = false, fix: String
  ) -> CISControl {
    control(id, title, .master, automated: automated, .flag(CISFlag(.apiServer, flag, test, talos: talos, additive: additive)), fix: fix)
  }

  /// A flag Talos sets and refuses in `extraArgs`.
  private static func setByTalos(_ id: String, _ title: String, _ target: CISControl.Target, automated: Bool = true, _ component: Component, _ flag: String)
    -> CISControl
  {
    control(
      id, title, target, automated: automated, .flag(CISFlag(component, flag, .present, talos: .enforced("set by Talos"))),
      fix: "Nothing to do: Talos sets --\(flag) itself and refuses it in extraArgs (remove any override).")
  }

  static let master: [CISControl] = [
    files("1.1.1", "API server pod specification file permissions are 600 or stricter", .master, automated: true),
    files("1.1.2", "API server pod specification file is owned by root:root", .master, automated: true),
    files("1.1.3", "Controller manager pod specification file permissions are 600 or stricter", .master, automated: true),
    files("1.1.4", "Controller manager pod specification file is owned by root:root", .master, automated: true),
    files("1.1.5", "Scheduler pod specification file permissions are 600 or stricter", .master, automated: true),
    files("1.1.6", "Scheduler pod specification file is owned by root:root", .master, automated: true),
    files("1.1.7", "etcd pod specification file permissions are 600 or stricter", .master, automated: true),
    files("1.1.8", "etcd pod specification file is owned by root:root", .master, automated: true),
    files("1.1.9", "Container Network Interface file permissions are 600 or stricter", .master, automated: false),
    files("1.1.10", "Container Network Interface files are owned by root:root", .master, automated: false),
    files("1.1.11", "etcd data directory permissions are 700 or stricter", .master, automated: true),
    files("1.1.12", "etcd data directory is owned by etcd:etcd", .master, automated: true),
    files("1.1.13", "Default administrative credential files have permissions 600", .master, automated: true),
    files("1.1.14", "Default administrative credential files are owned by root:root", .master, automated: true),
    files("1.1.15", "scheduler.conf permissions are 600 or stricter", .master, automated: true),
    files("1.1.16", "scheduler.conf is owned by root:root", .master, automated: true),
    files("1.1.17", "controller-manager.conf permissions are 600 or stricter", .master, automated: true),
    files("1.1.18", "controller-manager.conf is owned by root:root", .master, automated: true),
    files("1.1.19", "The Kubernetes PKI directory and files are owned by root:root", .master, automated: true),
    files("1.1.20", "Kubernetes PKI certificate files have permissions 600 or stricter", .master, automated: false),
    files("1.1.21", "Kubernetes PKI key files have permissions 600", .master, automated: false),
    control(
      "1.2.1", "The API server does not serve anonymous requests", .master, automated: false, .apiServerAnonymous,
      fix: "Keep anonymous-auth=false (legacy config), or restrict KubeAuthenticationConfig anonymous access to health endpoints."),
    apiServer(
      "1.2.2", "The API server does not use a static token file", automated: true, "token-auth-file", .absent, .unset,
      fix: "Remove token-auth-file from the API server's extraArgs; use OIDC or certificates."),
    apiServer(
      "1.2.3", "The DenyServiceExternalIPs admission plugin is enabled", automated: false, "enable-admission-plugins",
      .hasItem("DenyServiceExternalIPs"), .value("NodeRestriction"), additive: true,
      fix: "Add DenyServiceExternalIPs to the API server's enable-admission-plugins, unless Services need external IPs."),
    setByTalos("1.2.4", "The API server authenticates to kubelets with a client certificate and key", .master, .apiServer, "kubelet-client-certificate"),
    apiServer(
      "1.2.5", "The API server verifies kubelets' serving certificates against a CA", automated: true, "kubelet-certificate-authority", .present,
      .unset,
      fix: "Set kubelet-certificate-authority in the API server's extraArgs to a CA inside the pod, with kubelet serving certificates signed by it."),
    control(
      "1.2.6", "The API server's authorization mode is not AlwaysAllow", .master, automated: true, .authorizers(.lacksItem("AlwaysAllow")),
      fix: "Remove AlwaysAllow from authorization-mode and the authorization configuration."),
    control(
      "1.2.7", "The API server's authorization includes Node", .master, automated: true, .authorizers(.hasItem("Node")),
      fix: "Keep the Node authorizer (KubeAuthorizerConfig named node, or Talos's legacy default)."),
    control(
      "1.2.8", "The API server's authorization includes RBAC", .master, automated: true, .authorizers(.hasItem("RBAC")),
      fix: "Keep the RBAC authorizer (KubeAuthorizerConfig named rbac, or Talos's legacy default)."),
    apiServer(
      "1.2.9", "The EventRateLimit admission plugin is enabled", automated: false, "enable-admission-plugins", .hasItem("EventRateLimit"),
      .value("NodeRestriction"), additive: true,
      fix: "Add EventRateLimit to enable-admission-plugins and configure it in the admission control configuration."),
    apiServer(
      "1.2.10", "The AlwaysAdmit admission plugin is not enabled", automated: true, "enable-admission-plugins",
      .unsetOr(.lacksItem("AlwaysAdmit")), .value("NodeRestriction"), additive: true,
      fix: "Remove AlwaysAdmit from enable-admission-plugins."),
    apiServer(
      "1.2.11", "The AlwaysPullImages admission plugin is enabled", automated: false, "enable-admission-plugins",
      .hasItem("AlwaysPullImages"), .value("NodeRestriction"), additive: true,
      fix: "Add AlwaysPullImages to enable-admission-plugins where tenants share nodes."),
    apiServer(
      "1.2.12", "The ServiceAccount admission plugin is not disabled", automated: true, "disable-admission-plugins",
      .unsetOr(.lacksItem("ServiceAccount")), .unset, fix: "Remove ServiceAccount from disable-admission-plugins."),
    apiServer(
      "1.2.13", "The NamespaceLifecycle admission plugin is not disabled", automated: true, "disable-admission-plugins",
      .unsetOr(.lacksItem("NamespaceLifecycle")), .unset, fix: "Remove NamespaceLifecycle from disable-admission-plugins."),
    apiServer(
      "1.2.14", "The NodeRestriction admission plugin is enabled", automated: true, "enable-admission-plugins", .hasItem("NodeRestriction"),
      .enforced("NodeRestriction"), additive: true, fix: "Keep NodeRestriction: Talos always enables it; do not disable it."),
    apiServer(
      "1.2.15", "API server profiling is off", automated: true, "profiling", .equals("false"), .value("false"),
      fix: "Remove the profiling override, or set it to \"false\"."),
    apiServer(
      "1.2.16", "The API server writes an audit log", automated: true, "audit-log-path", .present, .value("a file in Talos's audit log directory"),
      fix: "Remove the audit-log-path override: Talos writes the audit log by default."),
    apiServer(
      "1.2.17", "Audit logs are kept at least 30 days", automated: true, "audit-log-maxage", .atLeast(30), .value("30"),
      fix: "Set audit-log-maxage to 30 or more (Talos's default is 30)."),
    apiServer(
      "1.2.18", "At least 10 audit log files are kept", automated: true, "audit-log-maxbackup", .atLeast(10), .value("10"),
      fix: "Set audit-log-maxbackup to 10 or more (Talos's default is 10)."),
    apiServer(
      "1.2.19", "Audit log files rotate at 100 MB or more", automated: true, "audit-log-maxsize", .atLeast(100), .value("100"),
      fix: "Set audit-log-maxsize to 100 or more (Talos's default is 100)."),
    control("1.2.20", "The API server's request timeout is appropriate", .master, automated: false, .noTest, fix: manualFix),
    apiServer(
      "1.2.21", "The API server looks service account tokens up in etcd", automated: true, "service-account-lookup",
      .unsetOr(.equals("true")), .unset, fix: "Remove service-account-lookup=false from the API server's extraArgs."),
    setByTalos("1.2.22", "The API server verifies service account tokens with a key file", .master, .apiServer, "service-account-key-file"),
    setByTalos("1.2.23", "The API server authenticates to etcd with a client certificate and key", .master, .apiServer, "etcd-certfile"),
    setByTalos("1.2.24", "The API server serves TLS with its certificate and key", .master, .apiServer, "tls-cert-file"),
    setByTalos("1.2.25", "The API server verifies client certificates against a CA", .master, .apiServer, "client-ca-file"),
    setByTalos("1.2.26", "The API server verifies etcd against a CA", .master, .apiServer, "etcd-cafile"),
    setByTalos(
      "1.2.27", "Secrets are encrypted at rest (an encryption provider configuration)", .master, automated: false, .apiServer,
      "encryption-provider-config"),
    control(
      "1.2.28", "The first encryption provider is aescbc, kms or secretbox", .master, automated: false, .encryptionProvider,
      fix: "List secretbox, aescbc or kms first in KubeEtcdEncryptionConfig; never identity first."),
    apiServer(
      "1.2.29", "The API server uses only strong TLS cipher suites", automated: false, "tls-cipher-suites", .allIn(apiServerCiphers),
      .since([(TalosVersion(1, 8), .value(kubeletCiphers.joined(separator: ","))), (TalosVersion(1, 12), .value(talos112Ciphers.joined(separator: ","))), (TalosVersion(1, 14), .unset)]),
      fix: "Set tls-cipher-suites to suites of the CIS list (Talos 1.14 and later require TLS 1.3, stricter than any list)."),
    control(
      "1.3.1", "The controller manager garbage-collects terminated pods at a threshold", .master, automated: false,
      .flag(CISFlag(.controllerManager, "terminated-pod-gc-threshold", .present, talos: .since([(TalosVersion(1, 14), .value("100"))]))),
      fix: "Set terminated-pod-gc-threshold in the controller manager's extraArgs (Talos 1.14 and later set 100)."),
    control(
      "1.3.2", "Controller manager profiling is off", .master, automated: true,
      .flag(CISFlag(.controllerManager, "profiling", .equals("false"), talos: .value("false"))),
      fix: "Remove the profiling override, or set it to \"false\"."),
    control(
      "1.3.3", "Controllers use individual service account credentials", .master, automated: true,
      .flag(CISFlag(.controllerManager, "use-service-account-credentials", .equals("true"), talos: .value("true"))),
      fix: "Remove use-service-account-credentials=false from the controller manager's extraArgs."),
    setByTalos("1.3.4", "The controller manager signs service account tokens with a private key", .master, .controllerManager, "service-account-private-key-file"),
    setByTalos("1.3.5", "The controller manager gives pods the cluster's root CA", .master, .controllerManager, "root-ca-file"),
    control(
      "1.3.6", "Kubelet serving certificate rotation is not turned off", .master, automated: true,
      .flag(CISFlag(.controllerManager, "feature-gates", .unsetOr(.lacks("RotateKubeletServerCertificate=false")), talos: .unset)),
      fix: "Remove RotateKubeletServerCertificate=false from the controller manager's feature-gates."),
    control(
      "1.3.7", "The controller manager listens on 127.0.0.1 only", .master, automated: true,
      .flag(CISFlag(.controllerManager, "bind-address", .unsetOr(.equals("127.0.0.1")), talos: .value("127.0.0.1"))),
      fix: "Remove the bind-address override: Talos binds it to 127.0.0.1."),
    control(
      "1.4.1", "Scheduler profiling is off", .master, automated: true,
      .flag(CISFlag(.scheduler, "profiling", .equals("false"), talos: .value("false"))), fix: "Remove the profiling override, or set it to \"false\"."),
    control(
      "1.4.2", "The scheduler listens on 127.0.0.1 only", .master, automated: true,
      .flag(CISFlag(.scheduler, "bind-address", .unsetOr(.equals("127.0.0.1")), talos: .value("127.0.0.1"))),
      fix: "Remove the bind-address override: Talos binds it to 127.0.0.1."),
  ]

  static let etcd: [CISControl] = [
    setByTalos("2.1", "etcd serves clients over TLS with its certificate and key", .etcd, .etcd, "cert-file"),
    control(
      "2.2", "etcd requires client certificates", .etcd, automated: true,
      .flag(CISFlag(.etcd, "client-cert-auth", .equals("true"), talos: .enforced("true"))),
      fix: "Nothing to do: Talos sets client-cert-auth=true and refuses it in extraArgs."),
    control(
      "2.3", "etcd does not use self-signed automatic TLS", .etcd, automated: true,
      .flag(CISFlag(.etcd, "auto-tls", .unsetOr(.equals("false")), talos: .enforced("false"))),
      fix: "Nothing to do: Talos sets auto-tls=false and refuses it in extraArgs."),
    setByTalos("2.4", "etcd peers talk TLS with a certificate and key", .etcd, .etcd, "peer-cert-file"),
    control(
      "2.5", "etcd peers require client certificates", .etcd, automated: true,
      .flag(CISFlag(.etcd, "peer-client-cert-auth", .equals("true"), talos: .enforced("true"))),
      fix: "Nothing to do: Talos sets peer-client-cert-auth=true and refuses it in extraArgs."),
    control(
      "2.6", "etcd peers do not use self-signed automatic TLS", .etcd, automated: true,
      .flag(CISFlag(.etcd, "peer-auto-tls", .unsetOr(.equals("false")), talos: .enforced("false"))),
      fix: "Nothing to do: Talos sets peer-auto-tls=false and refuses it in extraArgs."),
    setByTalos("2.7", "etcd has a CA of its own", .etcd, automated: false, .etcd, "trusted-ca-file"),
  ]

  static let controlPlane: [CISControl] = [
    control("3.1.1", "Users do not authenticate with client certificates", .controlplane, automated: false, .noTest, fix: manualFix),
    control("3.1.2", "Users do not authenticate with service account tokens", .controlplane, automated: false, .noTest, fix: manualFix),
    control("3.1.3", "Users do not authenticate with bootstrap tokens", .controlplane, automated: false, .noTest, fix: manualFix),
    control(
      "3.2.1", "A minimal audit policy is in place", .controlplane, automated: false,
      .flag(CISFlag(.apiServer, "audit-policy-file", .present, talos: .value("Talos's audit policy file"))),
      fix: "Keep an audit policy (cluster.apiServer.auditPolicy or KubeAuditPolicyConfig) that logs at least Metadata."),
    control("3.2.2", "The audit policy covers key security concerns", .controlplane, automated: false, .noTest, fix: manualFix),
  ]

  private static func kubelet(
    _ id: String, _ title: String, automated: Bool, _ flag: String, key: [String]?, _ test: CISFlag.Test, _ talos: TalosSetting, fix: String
  ) -> CISControl {
    control(id, title, .node, automated: automated, .flag(CISFlag(.kubelet, flag, key: key, test, talos: talos)), fix: fix)
  }

  static let node: [CISControl] = [
    files("4.1.1", "kubelet service file permissions are 600 or stricter", .node, automated: true),
    files("4.1.2", "kubelet service file is owned by root:root", .node, automated: true),
    files("4.1.3", "Proxy kubeconfig file permissions are 600 or stricter", .node, automated: false),
    files("4.1.4", "Proxy kubeconfig file is owned by root:root", .node, automated: false),
    files("4.1.5", "kubelet kubeconfig permissions are 600 or stricter", .node, automated: true),
    files("4.1.6", "kubelet kubeconfig is owned by root:root", .node, automated: true),
    files("4.1.7", "Certificate authorities file permissions are 600 or stricter", .node, automated: false),
    files("4.1.8", "Client certificate authorities file is owned by root:root", .node, automated: false),
    files("4.1.9", "kubelet configuration file permissions are 600 or stricter", .node, automated: true),
    files("4.1.10", "kubelet configuration file is owned by root:root", .node, automated: true),
    kubelet(
      "4.2.1", "The kubelet does not serve anonymous requests", automated: true, "anonymous-auth", key: nil, .equals("false"), .enforced("false"),
      fix: "Remove anonymous-auth from the kubelet's extraArgs: Talos turns anonymous authentication off."),
    control(
      "4.2.2", "The kubelet's authorization mode is not AlwaysAllow", .node, automated: true, .kubeletAuthorization,
      fix: "Remove authorization-mode from the kubelet's extraArgs and do not skip node registration."),
    kubelet(
      "4.2.3", "The kubelet verifies client certificates against a CA", automated: true, "client-ca-file", key: nil, .present,
      .enforced("Talos's Kubernetes CA"), fix: "Nothing to do: Talos sets the kubelet's client CA."),
    kubelet(
      "4.2.4", "The kubelet's read-only port is closed", automated: false, "read-only-port", key: ["readOnlyPort"], .unsetOr(.equals("0")),
      .unset, fix: "Remove readOnlyPort / read-only-port, or set it to 0."),
    kubelet(
      "4.2.5", "Streaming connections time out when idle", automated: false, "streaming-connection-idle-timeout",
      key: ["streamingConnectionIdleTimeout"], .unsetOr(.nonZeroDuration), .value("5m"),
      fix: "Remove the zero streaming-connection-idle-timeout (Talos's default is 5m)."),
    kubelet(
      "4.2.6", "The kubelet manages iptables utility chains", automated: true, "make-iptables-util-chains", key: ["makeIPTablesUtilChains"],
      .unsetOr(.equals("true")), .unset, fix: "Remove makeIPTablesUtilChains: false."),
    kubelet(
      "4.2.7", "The kubelet's hostname is not overridden", automated: false, "hostname-override", key: nil, .absent,
      .enforced("the machine's hostname"), fix: "Talos always passes --hostname-override; check that the node name is the one intended."),
    kubelet(
      "4.2.8", "The kubelet's event record rate is appropriate", automated: false, "event-qps", key: ["eventRecordQPS"], .unsetOr(.atLeast(0)),
      .unset, fix: "Set eventRecordQPS to 0 or more, sized for the cluster."),
    kubelet(
      "4.2.9", "The kubelet serves TLS with a certificate and key", automated: false, "tls-cert-file", key: ["tlsCertFile"], .present, .unset,
      fix: "Talos gives the kubelet --cert-dir instead; set tlsCertFile/tlsPrivateKeyFile only with files that exist on the node."),
    kubelet(
      "4.2.10", "The kubelet rotates its client certificate", automated: true, "rotate-certificates", key: nil, .unsetOr(.equals("true")),
      .enforced("true"), fix: "Remove rotate-certificates=false from the kubelet's extraArgs."),
    kubelet(
      "4.2.11", "Kubelet serving certificate rotation is not turned off", automated: false, "feature-gates",
      key: ["featureGates", "RotateKubeletServerCertificate"], .unsetOr(.lacks("RotateKubeletServerCertificate=false")), .unset,
      fix: "Remove RotateKubeletServerCertificate=false from the kubelet's feature gates."),
    kubelet(
      "4.2.12", "The kubelet uses only strong TLS cipher suites", automated: false, "tls-cipher-suites", key: ["tlsCipherSuites"],
      .allIn(kubeletCiphers), .unset, fix: "Set tlsCipherSuites to suites of the CIS kubelet list (Talos requires TLS 1.3 by default)."),
    kubelet(
      "4.2.13", "Pods have a process ID limit", automated: false, "pod-max-pids", key: ["podPidsLimit"], .present, .unset,
      fix: "Set podPidsLimit in the kubelet's extraConfig (KubeletConfig.config)."),
    control(
      "4.3.1", "kube-proxy serves metrics on localhost only", .node, automated: true, .kubeProxyMetrics,
      fix: "Bind metrics-bind-address to 127.0.0.1, or remove it."),
  ]

  private static func cluster(_ id: String, _ title: String) -> CISControl {
    control(id, title, .policies, automated: true, scored: false, .clusterState, fix: clusterFix)
  }

  private static func manual(_ id: String, _ title: String) -> CISControl {
    control(id, title, .policies, automated: false, .noTest, fix: manualFix)
  }

  private static func podSecurity(_ id: String, _ title: String, _ level: String) -> CISControl {
    control(
      id, title, .policies, automated: false, .podSecurityEnforces(level),
      fix: "Enforce Pod Security Standard \(level) (PodSecurity admission configuration: defaults.enforce).")
  }

  static let policies: [CISControl] = [
    cluster("5.1.1", "The cluster-admin role is bound only where required"),
    cluster("5.1.2", "Access to secrets is minimized"),
    cluster("5.1.3", "Wildcards in Roles and ClusterRoles are minimized"),
    cluster("5.1.4", "Access to create pods is minimized"),
    cluster("5.1.5", "Default service accounts are not used"),
    cluster("5.1.6", "Service account tokens are mounted only where needed"),
    manual("5.1.7", "The system:masters group is avoided"),
    manual("5.1.8", "Bind, impersonate and escalate permissions are limited"),
    manual("5.1.9", "Access to create persistent volumes is minimized"),
    manual("5.1.10", "Access to the nodes/proxy subresource is minimized"),
    manual("5.1.11", "Access to approve certificate signing requests is minimized"),
    manual("5.1.12", "Access to webhook configuration objects is minimized"),
    manual("5.1.13", "Access to create service account tokens is minimized"),
    control(
      "5.2.1", "A policy control mechanism is active", .policies, automated: false, .podSecurityConfigured,
      fix: "Keep the PodSecurity admission configuration Talos generates (or run another admission controller)."),
    podSecurity("5.2.2", "Privileged containers are not admitted", "baseline"),
    podSecurity("5.2.3", "Containers sharing the host's process namespace are not admitted", "baseline"),
    podSecurity("5.2.4", "Containers sharing the host's IPC namespace are not admitted", "baseline"),
    podSecurity("5.2.5", "Containers sharing the host's network namespace are not admitted", "baseline"),
    podSecurity("5.2.6", "Containers allowing privilege escalation are not admitted", "restricted"),
    podSecurity("5.2.7", "Root containers are not admitted", "restricted"),
    podSecurity("5.2.8", "Containers with the NET_RAW capability are not admitted", "restricted"),
    podSecurity("5.2.9", "Containers with added capabilities are not admitted", "baseline"),
    podSecurity("5.2.10", "Containers with capabilities assigned are not admitted", "restricted"),
    podSecurity("5.2.11", "Windows HostProcess containers are not admitted", "baseline"),
    podSecurity("5.2.12", "HostPath volumes are not admitted", "baseline"),
    podSecurity("5.2.13", "Containers using host ports are not admitted", "baseline"),
    manual("5.3.1", "The CNI in use supports NetworkPolicies"),
    manual("5.3.2", "Every namespace has NetworkPolicies"),
    manual("5.4.1", "Secrets are used as files rather than environment variables"),
    manual("5.4.2", "External secret storage is considered"),
    manual("5.5.1", "Image provenance is configured (ImagePolicyWebhook)"),
    manual("5.7.1", "Namespaces draw administrative boundaries between resources"),
    manual("5.7.2", "Pod specifications set a seccomp profile"),
    manual("5.7.3", "Pods and containers apply a security context"),
    manual("5.7.4", "The default namespace is not used"),
  ]
}
