// A JSON tree under construction, in key order: the classeur is read sheet by sheet, and a sheet adds members to
// objects another sheet created (an indicator row lands in the objective an `Objectifs` row made).

import TrainingWorkbook

final class MutableObject {
    /// Members in key order. Objects here hold a dozen members at most (a participant, its attendance): a linear
    /// search is cheaper than a dictionary each, which a 1,000-trainee classeur would build thousands of. An index
    /// is made only if an object grows large.
    private var members: [(key: String, value: MutableValue)] = []
    private var index: [String: Int]? = nil
    private static let indexFrom = 32

    private func position(_ key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    subscript(key: String) -> MutableValue? { position(key).map { members[$0].value } }

    func set(_ key: String, _ value: MutableValue) {
        if let i = position(key) { members[i].value = value; return }
        members.append((key, value))
        if index != nil { index?[key] = members.count - 1 } else if members.count == Self.indexFrom {
            var made: [String: Int] = [:]
            for (i, m) in members.enumerated() { made[m.key] = i }
            index = made
        }
    }

    func set(_ key: String, _ value: JSONValue) { set(key, .value(value)) }

    /// The object at `key`, made when absent.
    func object(_ key: String) -> MutableObject {
        if case .object(let o)? = self[key] { return o }
        let o = MutableObject()
        set(key, .object(o))
        return o
    }

    /// The array at `key`, made when absent.
    func array(_ key: String) -> MutableArray {
        if case .array(let a)? = self[key] { return a }
        let a = MutableArray()
        set(key, .array(a))
        return a
    }

    /// Sets a value at a dotted path (`signatory.name`), making the objects on the way.
    func set(path: [String], _ value: JSONValue) {
        guard let last = path.last else { return }
        var o = self
        for k in path.dropLast() { o = o.object(k) }
        o.set(last, value)
    }

    var json: JSONValue { .object(members.map { JSONMember(key: $0.key, value: $0.value.json) }) }
}

final class MutableArray {
    var items: [MutableValue] = []
    func append(_ v: MutableValue) { items.append(v) }
}

enum MutableValue {
    case value(JSONValue)
    case object(MutableObject)
    case array(MutableArray)

    var json: JSONValue {
        switch self {
        case .value(let v): return v
        case .object(let o): return o.json
        case .array(let a): return .array(a.items.map(\.json))
        }
    }
}
