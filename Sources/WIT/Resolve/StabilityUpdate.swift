/// How a gate seen a second time for one item is taken in, as the reference's
/// `update_stability` does: no new gate, or the same, changes nothing; an item without a
/// gate takes the new one; two different gates are a mismatch.
extension Stability {
    /// Takes in `from`, a gate seen again for the item gated `self`; `false` on a mismatch
    /// (then `self` is unchanged).
    mutating func update(from: Stability) -> Bool {
        if from.isUnknown || from == self { return true }
        if isUnknown {
            self = from
            return true
        }
        return false
    }

    /// The reference's message for a mismatch, with both gates as it prints them.
    static func mismatchMessage(from: Stability, into: Stability) -> String {
        "mismatch in stability from '\(from.referenceDescription)' to '\(into.referenceDescription)'"
    }

    /// The gate as the reference's messages show it (Rust's debug form of its `Stability`).
    var referenceDescription: String {
        func version(_ version: Version?) -> String {
            guard let version else { return "None" }
            var text = "Version { major: \(version.major), minor: \(version.minor), patch: \(version.patch)"
            if !version.prerelease.isEmpty { text += ", pre: Prerelease(\"\(version.prerelease.joined(separator: "."))\")" }
            if !version.build.isEmpty { text += ", build: BuildMetadata(\"\(version.build.joined(separator: "."))\")" }
            return text + " }"
        }
        func deprecated(_ value: Version?) -> String { value.map { "Some(\(version($0)))" } ?? "None" }
        switch self {
        case .unknown: return "Unknown"
        case let .stable(since, deprecatedIn): return "Stable { since: \(version(since)), deprecated: \(deprecated(deprecatedIn)) }"
        case let .unstable(feature, deprecatedIn): return "Unstable { feature: \"\(feature)\", deprecated: \(deprecated(deprecatedIn)) }"
        }
    }
}
