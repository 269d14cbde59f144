extension Array {
    /// Appends, making room for `firstCapacity` elements on the first append:
    /// lists in WIT are short, and growing one element at a time costs an
    /// allocation per doubling. An empty list stays unallocated.
    mutating func appendReserving(_ element: Element, firstCapacity: Int = 4) {
        if capacity == 0 { reserveCapacity(firstCapacity) }
        append(element)
    }
}

extension Array {
    /// Moves an element out, leaving `placeholder` in its place: the element
    /// comes back uniquely referenced, so changing it copies nothing.
    mutating func take(_ index: Int, leaving placeholder: consuming Element) -> Element {
        var element = placeholder
        swap(&element, &self[index])
        return element
    }
}
