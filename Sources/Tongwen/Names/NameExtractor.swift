/// A person found in running text.
public struct NameMention: Sendable, Equatable {
    /// The name as written.
    public let name: String
    /// The title that stands with it as written (广东省委书记), or nil.
    public let title: String?
    /// Offsets of the name in Unicode scalars from the start of the text.
    public let start: Int
    public let end: Int
}

/// Finds people in running text from titles and the surname list: a name
/// after a title (广东省委书记李希, lists such as 省领导张硕辅、林克庆), a name
/// before a title that follows names (习近平总书记), and later mentions of the
/// names found. Works on Simplified and Traditional text alike.
public struct NameExtractor: Sendable {
    private let names = NameTables.shared
    private let romanizer = NameRomanizer()
    private let view: CharacterFold

    /// Administrative units between a place and an organisation or title.
    static let units: [String] = ["自治区", "省", "市", "县", "区", "州", "镇", "乡"]
    /// Words that often follow a name, which tell a two-character name from a three-character one.
    static let followers: [String] = ["参加", "代表", "分别", "表示", "说", "指出", "出席", "主持", "会见", "强调", "介绍",
                                      "陪同", "率", "一行", "等", "在", "和", "与", "及", "到", "前往", "考察", "参观", "同志", "对"]

    public init() {
        view = BuiltinTables.shared.simplifiedView
    }

    public func extract(_ text: String) -> [NameMention] {
        let original = Array(text.unicodeScalars)
        let simplified = original.map { Unicode.Scalar(view.fold($0.value)) ?? $0 }
        var mentions: [NameMention] = []
        var index = 0
        while index < simplified.count {
            guard let title = titleExpression(simplified, at: index) else {
                index += 1
                continue
            }
            let titleText = Self.string(original[title.start..<title.end])
            if title.hasPrefix == false, let name = nameBefore(simplified, end: title.start) {
                mentions.append(NameMention(name: Self.string(original[name]), title: titleText, start: name.lowerBound, end: name.upperBound))
            }
            var position = title.end
            while let name = nameAfter(simplified, at: position) {
                mentions.append(NameMention(name: Self.string(original[name]), title: titleText, start: name.lowerBound, end: name.upperBound))
                position = name.upperBound
                guard position < simplified.count, simplified[position] == "、" else { break }
                position += 1
            }
            index = max(position, title.end)
        }
        return (mentions + laterMentions(of: mentions, in: original)).sorted { $0.start < $1.start }
    }

    /// A title with what stands before it (place, unit, organisation) and
    /// further titles joined by 、 (贵州省委书记、省人大常委会主任).
    private func titleExpression(_ text: [Unicode.Scalar], at start: Int) -> (start: Int, end: Int, hasPrefix: Bool)? {
        var position = start
        // Place (two characters) and unit, then organisation words.
        if position + 2 < text.count, Self.isHan(text[position]), Self.isHan(text[position + 1]),
           let unit = Self.units.first(where: { Self.starts(text, at: position + 2, with: $0) }) {
            position += 2 + unit.unicodeScalars.count
        } else if let unit = Self.units.first(where: { Self.starts(text, at: position, with: $0) }) {
            position += unit.unicodeScalars.count
        }
        while let organisation = longest(names.organisations, in: text, at: position), organisation > 0 {
            position += organisation
        }
        guard let titleLength = longest(names.titles, in: text, at: position) else { return nil }
        var end = position + titleLength
        let hasPrefix = position > start
        // 、 and another title expression: one person's several posts.
        if end < text.count, text[end] == "、", let next = titleExpression(text, at: end + 1), next.hasPrefix || next.end > end + 1 {
            if nameAfter(text, at: next.end) != nil { end = next.end }
        }
        return (start, end, hasPrefix)
    }

    /// A name that starts at `position`: surname, then one or two given characters.
    private func nameAfter(_ text: [Unicode.Scalar], at position: Int) -> Range<Int>? {
        guard position < text.count, let (surname, _) = romanizer.surnameMatch(Array(text[position..<min(text.count, position + 4)])) else { return nil }
        let givenStart = position + surname
        let short = givenStart + 1, long = givenStart + 2
        guard short <= text.count, text[givenStart..<short].allSatisfy(Self.isHan) else { return nil }
        let longPossible = long <= text.count && Self.isHan(text[short])
        if longPossible, long == text.count || !Self.isHan(text[long]) || followerStarts(text, at: long) { return position..<long }
        if short == text.count || !Self.isHan(text[short]) || followerStarts(text, at: short) { return position..<short }
        return longPossible ? position..<long : nil
    }

    /// A name that ends where a title starts (习近平总书记).
    private func nameBefore(_ text: [Unicode.Scalar], end: Int) -> Range<Int>? {
        for length in [3, 2] where end - length >= 0 {
            let range = (end - length)..<end
            guard text[range].allSatisfy(Self.isHan), let (surname, _) = romanizer.surnameMatch(Array(text[range])),
                  surname < length else { continue }
            return range
        }
        return nil
    }

    private func followerStarts(_ text: [Unicode.Scalar], at position: Int) -> Bool {
        Self.followers.contains { Self.starts(text, at: position, with: $0) }
    }

    /// Each further place where a found name occurs, without a title.
    private func laterMentions(of found: [NameMention], in text: [Unicode.Scalar]) -> [NameMention] {
        let covered = found.map { $0.start..<$0.end }
        var seen: Set<String> = []
        var mentions: [NameMention] = []
        for mention in found where seen.insert(mention.name).inserted {
            let name = Array(mention.name.unicodeScalars)
            var index = 0
            while index + name.count <= text.count {
                if text[index..<index + name.count].elementsEqual(name), !covered.contains(where: { $0.overlaps(index..<index + name.count) }) {
                    mentions.append(NameMention(name: mention.name, title: nil, start: index, end: index + name.count))
                    index += name.count
                } else {
                    index += 1
                }
            }
        }
        return mentions
    }

    private func longest(_ table: PhraseTable, in text: [Unicode.Scalar], at position: Int) -> Int? {
        guard position < text.count else { return nil }
        let window = Array(Self.string(text[position..<min(text.count, position + 8)]).utf8)
        return window.withUnsafeBufferPointer { buffer in
            table.longestMatch(buffer.baseAddress!, from: 0, end: buffer.count, fold: IdentityFold()).map {
                String(decoding: buffer[..<$0.length], as: UTF8.self).unicodeScalars.count
            }
        }
    }

    static func starts(_ text: [Unicode.Scalar], at position: Int, with word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        return position + scalars.count <= text.count && text[position..<position + scalars.count].elementsEqual(scalars)
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool { WebTextRepair.isHan(scalar) }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }
}
