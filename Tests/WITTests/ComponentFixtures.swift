import Foundation
@testable import WIT
import WITTestSupport

/// The fixtures of Tests/Fixtures/ComponentDeps (see its README.md): WIT packages,
/// their encodings by wasm-tools, and wasm-tools' JSON of those encodings.
enum ComponentFixtures {
    static let folder = TestSupport.packageRoot.appendingPathComponent("Tests/Fixtures/ComponentDeps")

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    /// The names under `encoded/` (each with `.wasm`, `.wat` and `.json`).
    static var encodedNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("encoded").path)) ?? []
        return files.filter { $0.hasSuffix(".wasm") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The reference JSON beside a fixture.
    static func reference(_ url: URL) throws -> JSONValue {
        try JSONReader.parse(ArraySlice(try bytes(url)))
    }

    /// Where two JSON documents first differ (object keys compared as sets, as
    /// the conformance runner compares them), or `nil` when they are equal.
    static func firstDifference(_ a: JSONValue, _ b: JSONValue, at path: String = "$") -> String? {
        switch (a, b) {
        case let (.object(x), .object(y)):
            let xKeys = x.map(\.0), yKeys = y.map(\.0)
            guard Set(xKeys) == Set(yKeys) else { return "\(path): keys \(xKeys) vs \(yKeys)" }
            for (key, value) in x {
                let other = y.first { $0.0 == key }!.1
                if let difference = firstDifference(value, other, at: "\(path).\(key)") { return difference }
            }
            return nil
        case let (.array(x), .array(y)):
            guard x.count == y.count else { return "\(path): \(x.count) elements vs \(y.count)" }
            for (index, (left, right)) in zip(x, y).enumerated() {
                if let difference = firstDifference(left, right, at: "\(path)[\(index)]") { return difference }
            }
            return nil
        default:
            return a == b ? nil : "\(path): \(a.pretty()) vs \(b.pretty())"
        }
    }
}
