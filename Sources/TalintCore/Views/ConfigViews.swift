import Synchronization

/// A named set of setting locations a rule reads: the rule lists it in `Rule.reads`, and the
/// linter's one walk of each document hands it the values found there (`RuleContext.values`).
/// A class so that a slot is known by identity: two rules may read the same paths through
/// slots of their own.
public final class ReadSlot: Sendable {
  public let locations: SettingLocations

  public init(_ locations: [SettingLocation]) {
    self.locations = SettingLocations(locations)
  }

  public init(_ locations: SettingLocations) {
    self.locations = locations
  }
}

/// The views several rules share, each read from its own locations in the same walk as the
/// rules' slots.
enum ViewSlot: Int, CaseIterable {
  case extraArgs, sysctls, kernelArgs, kubeletConfigs, admissionPlugins

  var locations: SettingLocations {
    switch self {
    case .extraArgs: ConfigViews.extraArgLocations
    case .sysctls: ConfigViews.sysctlLocations
    case .kernelArgs: ConfigViews.kernelArgLocations
    case .kubeletConfigs: ConfigViews.kubeletConfigLocations
    case .admissionPlugins: ConfigViews.admissionPluginLocations
    }
  }
}

/// Every location a set of rules reads — the shared views, then each rule's slots — merged into
/// one trie per scope, so each document is walked once for all of them. Built once per process
/// for each set of rules a linter runs (`of`).
struct ReadPlan: Sendable {
  let groups: SettingLocationGroups
  /// The slots, in the order of their groups (after the views'). Found by identity, among a
  /// few dozen: compared rather than hashed, as every rule asks once per config.
  private let slots: [ReadSlot]
  /// The rules the plan is for.
  private let rules: [ObjectIdentifier]

  var locations: SettingLocations { groups.all }

  init(rules: [any Rule.Type]) {
    var slots: [ReadSlot] = []
    for slot in rules.flatMap({ $0.reads }) where !slots.contains(where: { $0 === slot }) { slots.append(slot) }
    self.slots = slots
    self.rules = rules.map { ObjectIdentifier($0) }
    groups = SettingLocationGroups(ViewSlot.allCases.map(\.locations) + slots.map(\.locations))
  }

  func group(of slot: ReadSlot) -> Int? {
    slots.firstIndex { $0 === slot }.map { ViewSlot.allCases.count + $0 }
  }

  /// Plans built so far, one per set of rules a run's linters hold (two or three).
  private static let built = Mutex<[ReadPlan]>([])

  /// The plan for `rules`, built the first time a run asks for this set of rules.
  static func of(_ rules: [any Rule.Type]) -> ReadPlan {
    let known = built.withLock { plans in
      plans.first { $0.rules.count == rules.count && zip($0.rules, rules).allSatisfy { $0 == ObjectIdentifier($1) } }
    }
    if let known { return known }
    let plan = ReadPlan(rules: rules)
    built.withLock { $0.append(plan) }
    return plan
  }
}

/// What the one walk of a config collected for the rules that run: the shared views by name,
/// and the values of each rule's slots. Values are `Found`s — a node and where it sits — whose
/// text is decoded only when a rule asks for it.
public struct ConfigViews: Sendable {
  /// Every component's `extraArgs` (a dozen rules ask).
  let extraArgsByComponent: PerComponent<[ExtraArg]>
  /// The sysctls the file sets that Talos hardens (KSPP in some release, or network
  /// hardening): the sysctl rules judge only these.
  public let hardenedSysctls: [Sysctl]
  /// Every kernel argument the file adds or removes (five rules ask).
  public let kernelArgs: [Located<KernelArg>]
  /// Every `NetworkRuleConfig` (five rules ask).
  public let firewallRules: [FirewallRule]
  /// The kubelet configuration overrides (seven rules ask).
  public let kubeletConfigs: [Found]
  /// Every admission plugin entry (four rules ask).
  public let admissionPlugins: [Found]
  /// A config that reaches only workers runs no control-plane component.
  let machineType: MachineType?
  /// What the walk found, by location of `plan`.
  private let found: [[Found]]
  private let plan: ReadPlan?

  /// Nothing read: what a context holds before the linter walks its config.
  static let unread = ConfigViews()

  private init() {
    extraArgsByComponent = PerComponent { _ in [] }
    (hardenedSysctls, kernelArgs, firewallRules, kubeletConfigs, admissionPlugins) = ([], [], [], [], [])
    (machineType, found, plan) = (nil, [], nil)
  }

  /// The views of `config` from what the walk of `plan`'s locations found (by location).
  init(_ config: TalosConfig, plan: ReadPlan, found byLocation: [[Found]]) {
    let groups = plan.groups
    func view(_ slot: ViewSlot) -> [(location: Int, found: Found)] { groups.values(of: slot.rawValue, in: byLocation) }
    extraArgsByComponent = Self.readExtraArgs(view(.extraArgs))
    hardenedSysctls = Self.readHardenedSysctls(view(.sysctls))
    kernelArgs = Self.readKernelArgs(view(.kernelArgs))
    kubeletConfigs = view(.kubeletConfigs).map(\.found)
    admissionPlugins = Self.readAdmissionPlugins(view(.admissionPlugins), config.documents(ofKind: .kubeAdmissionControlConfig))
    firewallRules = Self.readFirewallRules(config.documents(ofKind: .networkRuleConfig))
    machineType = config.machineType
    found = byLocation
    self.plan = plan
  }

  /// The values found at `slot`'s locations, location by location, each in document order.
  public func values(_ slot: ReadSlot) -> [Found] {
    guard let plan, let group = plan.group(of: slot) else {
      preconditionFailure("a rule reads a slot it does not list in `reads`")
    }
    return plan.groups.found(in: group, of: found)
  }
}
