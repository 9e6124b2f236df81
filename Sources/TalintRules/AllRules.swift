import TalintCore

/// The one registry of rules, sorted by ID. A test checks that every type here has a complete
/// description and fixtures.
public enum AllRules {
  public static let rules: [any Rule.Type] = [
    DuplicateKey.self,
    UnknownKey.self,
    WrongValueType.self,
    ValueNotInEnum.self,
    UnknownDocumentKind.self,
    DeprecatedKey.self,
    KSPPKernelArgRemoved.self,
    KernelHardeningDisabled.self,
    KernelSecurityModuleWeakened.self,
    ExtraKernelArgsWithUKICmdline.self,
    KernelBuildHardeningDisabled.self,
    KSPPSysctlWeakened.self,
    NetworkSysctlWeakened.self,
    SysctlValueNotNumeric.self,
    APIServerAnonymousAuth.self,
    APIServerTokenAuthFile.self,
    APIServerAlwaysAllow.self,
    APIServerAlwaysAdmit.self,
    APIServerAdmissionPluginDisabled.self,
    APIServerServiceAccountLookupDisabled.self,
    PodSecurityPolicyPlugin.self,
    ProfilingEnabled.self,
    APIServerAuditLogWeakened.self,
    WeakTLSMinVersion.self,
    WeakTLSCipherSuites.self,
    DeniedExtraArg.self,
    ControllerManagerServiceAccountCredentials.self,
    CertificateRotationDisabled.self,
    ControlPlaneBindAddressExposed.self,
    EtcdMetricsPlaintextExposed.self,
    KubeProxyMetricsExposed.self,
    APIServerAuditPolicyLogsNothing.self,
    NodePortRangeCoversHostPort.self,
    KubeletAnonymousAuth.self,
    KubeletAlwaysAllow.self,
    KubeletReadOnlyPort.self,
    KubeletStreamingTimeoutDisabled.self,
    KubeletIPTablesUtilChainsDisabled.self,
    KubeletProtectKernelDefaultsDisabled.self,
    KubeletSeccompDefaultDisabled.self,
    KubeletSkipNodeRegistration.self,
    KubeletConfigProtectedKey.self,
    KubeletUnsafeSysctlsAllowed.self,
    SecurityFeatureGateDisabled.self,
    KubeletHealthzExposed.self,
    PodSecurityAdmissionRemoved.self,
    PodSecurityEnforcePrivileged.self,
    PodSecurityAuditWarnWeakened.self,
    PodSecurityExemption.self,
    FirewallDefaultAccept.self,
    FirewallTalosPortExposed.self,
    FirewallKubernetesAPIWorldOpen.self,
    FirewallMalformedEntry.self,
    FirewallBeyondNetworkPolicy.self,
    FirewallApidWorldOpen.self,
    WorkerCAPrivateKey.self,
    PlaintextSecret.self,
    TalosAPIRBACDisabled.self,
    TalosAPIAccessAdminRole.self,
    RegistryInsecureSkipVerify.self,
    DebugEnabled.self,
    PlaintextLogDestination.self,
    PlaintextRegistryMirror.self,
    PlaintextExtraManifest.self,
    WorkloadIsolationDisabled.self,
    MutableExtraManifestURL.self,
  ]

  /// Every description talint knows: the input and suppression problems the linter reports
  /// itself, and the rules, sorted by ID.
  public static let descriptions: [RuleDescription] =
    (InputProblems.all + SuppressionRules.all + rules.map { $0.description }).sorted { $0.id < $1.id }

  /// A description by ID (`TAL101`) or name (`kspp-kernel-arg-removed`), case-insensitively.
  public static func description(for idOrName: String) -> RuleDescription? {
    let key = idOrName.lowercased()
    return descriptions.first { $0.id.lowercased() == key || $0.name == key }
  }
}
