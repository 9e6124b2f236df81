import TalintCore

/// A secure setting that is off when unset and that `talosctl gen config` writes on, so that
/// it must stay set: a patch that deletes it, or a complete config without it, leaves it off.
/// TAL326 (seccomp default), TAL401 (PodSecurity admission) and TAL701 (Talos API RBAC) judge
/// such settings, and report alike: each deletion, or else the complete config that lacks it.
struct SecureDefault {
  /// From this release the generator writes the setting: a complete config declared for an
  /// older one never had it, and is not reported for lacking it.
  var writtenFrom: ReleaseGate

  /// Reports each of `deletions` and, when there are none, a complete config that does not set
  /// the setting (`missing`, given the complete document's root). `isSet`: the config sets it
  /// (to anything: a weak value is the rule's own finding). A complete config (or a machine's
  /// merged one) says what the node runs: a deletion a later patch undid is silent there.
  func check(
    _ context: inout RuleContext, isSet: Bool, deletions: [(range: SourceRange, message: Message)],
    missing: (inout RuleContext, Found) -> Void
  ) {
    guard !context.config.hasFullConfig || !isSet else { return }
    for deletion in deletions { context.report(deletion.message, at: deletion.range) }
    guard deletions.isEmpty, !isSet, context.declaredVersion.has(writtenFrom),
      let complete = context.config.documents.first(where: { $0.kind == .v1alpha1(full: true) }).flatMap(Found.init(rootOf:))
    else { return }
    missing(&context, complete)
  }
}
