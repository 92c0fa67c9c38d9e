import Foundation
@testable import Tongwen
import Testing
import TongwenTestSupport

struct NameMatcherTests {
    let matcher = NameMatcher()

    @Test func oneKeyForEveryWritingOfAName() {
        let keys = Set(["馬興瑞", "马兴瑞", "Ma Xingrui", "MA Xing-rui", "廣東省省長馬興瑞", "Xingrui Ma", "馬興瑞省長", "ＭＡ　Ｘｉｎｇｒｕｉ", " 马  兴瑞 "].map { matcher.key($0).phonetic })
        #expect(keys == ["ma xingrui"])
    }

    @Test(arguments: [
        ("廣東省委書記李希", "李希"), ("李希書記", "李希"), ("馬興瑞省長", "马兴瑞"), ("鍾南山", "钟南山"), ("鐘南山", "钟南山"),
        ("锺南山", "钟南山"), ("呂布", "吕布"), ("黃明", "黄明"), ("吳強", "吴强"), ("阿諾·施瓦辛格", "阿诺·施瓦辛格"), ("阿诺・施瓦辛格", "阿诺·施瓦辛格"),
    ])
    func characterKeys(name: String, characters: String) {
        #expect(matcher.key(name).characters == characters)
    }

    @Test(arguments: [
        ("馬興瑞", "马兴瑞"), ("馬興瑞", "Ma Xingrui"), ("马兴瑞", "MA Xing-rui"), ("马兴瑞", "Xingrui Ma"), ("马兴瑞", "mǎ xīng ruì"),
        ("廣東省省長馬興瑞", "Ma Xingrui"), ("李希", "Li Xi"), ("欧阳修", "Ouyang Xiu"), ("歐陽修", "Xiu Ouyang"), ("覃伟中", "Qin Weizhong"),
        ("单雄信", "Shan Xiongxin"), ("曾国藩", "Zeng Guofan"), ("Ma Xingrui", "MA XING-RUI"),
    ])
    func sameName(first: String, second: String) {
        #expect(matcher.compare(first, second).isSame, "\(first) / \(second)")
    }

    @Test(arguments: [("马兴瑞", "马兴锐"), ("李希", "李喜"), ("马兴瑞", "Ma Xingruo"), ("李希", "Li Xiang"), ("王伟", "汪伟")])
    func differentNames(first: String, second: String) {
        let comparison = matcher.compare(first, second)
        #expect(!comparison.isSame, "\(first) / \(second)")
    }

    @Test func charactersDecideBetweenChineseNames() {
        #expect(matcher.compare("马兴瑞", "马兴锐").basis == .characters)
        #expect(matcher.compare("马兴瑞", "Ma Xingrui").basis == .pinyin)
    }

    /// Hundreds of pairs from the surname list: each surname with a given
    /// name matches itself in Traditional and in romanization, and does not
    /// match the same sound written with another character.
    @Test func pairsFromTheSurnameList() throws {
        let rows = try NameTableCompiler.rows(of: Repository.url("Data/names/surnames.txt"), columns: 3)
        var checked = 0
        for row in rows.prefix(200) {
            let simplified = row[0] + "伟明", traditional = row[1] + "偉明"
            let romanized = Pinyin.withoutTones(row[2]) + " Weiming"
            #expect(matcher.compare(simplified, traditional).isSame, "\(simplified) / \(traditional)")
            #expect(matcher.compare(traditional, romanized).isSame, "\(traditional) / \(romanized)")
            #expect(matcher.compare(romanized.uppercased(), simplified).isSame, "\(romanized) / \(simplified)")
            #expect(!matcher.compare(simplified, row[0] + "玮明").isSame, "\(simplified) / \(row[0])玮明")
            checked += 4
        }
        #expect(checked == 800)
    }
}

struct NameRomanizerTests {
    let romanizer = NameRomanizer()

    @Test(arguments: [
        ("马兴瑞", "Ma Xingrui"), ("馬興瑞", "Ma Xingrui"), ("欧阳修", "Ouyang Xiu"), ("诸葛亮", "Zhuge Liang"), ("尉迟恭", "Yuchi Gong"),
        ("长孙无忌", "Zhangsun Wuji"), ("单雄信", "Shan Xiongxin"), ("覃伟中", "Qin Weizhong"), ("曾国藩", "Zeng Guofan"), ("解缙", "Xie Jin"),
        ("区家麟", "Ou Jialin"), ("查良镛", "Zha Liangyong"), ("仇英", "Qiu Ying"), ("朴槿惠", "Piao Jinhui"), ("谌贻琴", "Chen Yiqin"),
        ("缪荃孙", "Miao Quansun"), ("乐嘉", "Yue Jia"), ("盖聂", "Ge Nie"), ("召忽", "Shao Hu"), ("万俟卨", "Moqi Xie"), ("李长安", "Li Chang'an"),
        ("陶长海", "Tao Changhai"),
    ])
    func romanizesNames(name: String, expected: String) {
        #expect(romanizer.romanize(name) == expected)
    }

    @Test func writesToneMarks() {
        #expect(romanizer.romanize("马兴瑞", tones: true) == "Mǎ Xīngruì")
        #expect(romanizer.romanize("覃伟中", tones: true) == "Qín Wěizhōng")
    }
}

struct NameExtractorTests {
    @Test func findsTheEighteenPeopleOfTheSeedWithTheirTitles() throws {
        let text = try Repository.text("seeds/000_1bf7682267f199a3.repaired.txt")
        let mentions = NameExtractor().extract(text)
        let titled = Dictionary(mentions.filter { $0.title != nil }.map { ($0.name, $0.title!) }, uniquingKeysWith: { first, _ in first })
        #expect(Set(mentions.map(\.name)) == ["李希", "諶貽琴", "馬興瑞", "李炳軍", "李玉妹", "王榮", "王偉中", "習近平", "張碩輔", "林克慶",
                                             "張福海", "葉貞琴", "溫國輝", "覃偉中", "趙德明", "吳強", "陶長海", "蔡朝林"])
        #expect(titled["李希"] == "廣東省委書記")
        #expect(titled["溫國輝"] == "廣州市市長")
        #expect(titled["諶貽琴"] == "貴州省委書記、省人大常委會主任")
        #expect(titled["王偉中"] == "廣東省委副書記、深圳市委書記")
        #expect(titled["習近平"] == "總書記")
        #expect(titled["吳強"] == "貴州省領導")
        let scalars = Array(text.unicodeScalars)
        for mention in mentions {
            #expect(String(String.UnicodeScalarView(scalars[mention.start..<mention.end])) == mention.name)
        }
    }

    @Test func organisationsAreNotPeople() {
        let names = NameExtractor().extract("考察了广药集团陈李济药厂和格力电器，董事长董明珠陪同。").map(\.name)
        #expect(names == ["董明珠"])
    }
}
