/// A WIT package encoded as a component, read from a `.wasm` binary or its
/// `.wat` text: the three stages ``ComponentBinaryReader`` or
/// ``ComponentTextReader`` (syntax), ``ComponentTypeGraph`` (index spaces and
/// type identities) and ``WITPackageDecoder`` (the WIT model), then the
/// `package-docs` custom section (``PackageMetadata``).
enum ComponentPackage {
    /// Whether `bytes` are to be read as a WebAssembly binary: they start with
    /// `\0asm`, or they cannot be text (control characters other than tabs and
    /// line breaks, or invalid UTF-8), in which case the binary reader reports
    /// the missing preamble at offset 0.
    static func isBinary(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0x00, 0x61, 0x73, 0x6D]) { return true }
        let isControl = bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D || $0 == 0x7F }
        return isControl || String(validating: bytes, as: UTF8.self) == nil
    }

    /// Decodes the package in `bytes`, whose first byte is at the global offset
    /// `base` of the source map; `fileSpan` is the span of the whole file.
    /// Returns a model of its own, holding the package and the parts of the
    /// packages it uses, and the package's id in it.
    static func decode(_ bytes: [UInt8], base: UInt32, isBinary: Bool, fileSpan: Span) throws(Diagnostic) -> (Resolve, PackageID) {
        let items = isBinary ? try ComponentBinaryReader.read(bytes, base: base) : try ComponentTextReader.read(bytes, base: base)
        let graph = try ComponentTypeGraph(items)
        var (resolve, package) = try WITPackageDecoder.decode(graph, fileSpan: fileSpan)
        let metadata = graph.customSections.filter { $0.name == PackageMetadata.sectionName }
        if metadata.count > 1 {
            throw Diagnostic("multiple \"\(PackageMetadata.sectionName)\" sections", at: metadata[1].span)
        }
        if let section = metadata.first {
            try PackageMetadata.inject(section.data, into: &resolve, package: package, span: section.span)
        }
        return (resolve, package)
    }
}
