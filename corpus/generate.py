#!/usr/bin/env python3
"""Deterministic generator of the tuomin labeled evaluation corpus.

Writes (relative to --out, default: the directory of this script):
  docs/*.txt       synthetic government-disclosure documents, UTF-8, LF line ends
  labels.jsonl     one label per line: {"doc","kind","start","end","text"} (BYTE offsets)
  manifest.jsonl   one line per document: {"doc","genre","pii_free"}
                   (merged with handwritten/manifest.jsonl if present)

Python 3.11, stdlib only, fixed seed: running it twice gives byte-identical output.
Every label is asserted against the bytes written.  All data is synthetic.
"""
import argparse
import json
import os
import random
import sys

SEED = 20240611
HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------------------------
# Reference data (written down by hand; region codes are real GB/T 2260 codes)
# --------------------------------------------------------------------------------------------
# code, first year it is in use (for plausible birth years), abolished flag
REGIONS = [
    ("341522", 1940), ("341502", 1940), ("341503", 1940), ("341504", 1940), ("341523", 1940),
    ("341524", 1940), ("341525", 1940), ("341521", 1940), ("340104", 1940), ("340102", 1940),
    ("340103", 1940), ("340111", 1940), ("340321", 1940), ("341181", 1940), ("110105", 1940),
    ("110108", 1940), ("110101", 1940), ("120101", 1940), ("130102", 1940), ("150102", 1940),
    ("210106", 1940), ("230103", 1940), ("310104", 1940), ("310115", 1940), ("320106", 1940),
    ("320506", 1940), ("320583", 1940), ("330102", 1940), ("330106", 1940), ("330782", 1940),
    ("350203", 1940), ("360102", 1940), ("370102", 1940), ("410105", 1940), ("420106", 1940),
    ("430104", 1940), ("440103", 1940), ("440106", 1940), ("440305", 1940), ("450103", 1940),
    ("460105", 1940), ("500103", 1940), ("510104", 1940), ("520102", 1940), ("530102", 1940),
    ("540102", 1940), ("610113", 1940), ("620102", 1940), ("650102", 1940),
    # abolished (pre-1999 Lu'an prefecture codes) - only on people born before 1999
    ("342401", 1940), ("342422", 1940), ("342423", 1940), ("342425", 1940), ("342426", 1940),
]
LOCAL_REGIONS = ["341522"] * 8 + ["342423"] * 2 + ["341502", "341503", "341504", "341523", "341524"]

MOBILE_PREFIXES = ([str(x) for x in range(130, 140)] + ["145", "147"] +
                   [str(x) for x in (150, 151, 152, 153, 155, 156, 157, 158, 159)] +
                   ["162", "165", "166", "167", "170", "171", "172", "173", "175", "176", "177", "178"] +
                   [str(x) for x in range(180, 190)] + ["190", "191", "192", "193"] +
                   [str(x) for x in range(195, 200)])
# area code, subscriber digits
AREA_CODES = [("0564", 7), ("0564", 7), ("0564", 7), ("0551", 8), ("0551", 8), ("010", 8), ("021", 8),
              ("020", 8), ("0571", 8), ("025", 8), ("027", 8), ("0531", 8), ("028", 8), ("0755", 8),
              ("0556", 7), ("0562", 7)]
# BIN, bank name, length
BINS = [("622848", "中国农业银行", 19), ("622848", "中国农业银行", 19), ("622823", "中国农业银行", 19),
        ("621700", "中国建设银行", 19), ("622700", "中国建设银行", 19), ("622202", "中国工商银行", 19),
        ("621226", "中国工商银行", 19), ("621799", "中国邮政储蓄银行", 19), ("621098", "中国邮政储蓄银行", 19),
        ("623059", "安徽省农村信用社", 19), ("622260", "交通银行", 19), ("622588", "招商银行", 16),
        ("622908", "兴业银行", 18)]
BRANCHES = ["霍邱支行", "城关支行", "户胡支行", "马店分理处", "周集营业所", "姚李支行", "六安分行营业部",
            "高塘支行", "石店营业所", "新店支行"]

SURNAMES = ("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 "
            "彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 "
            "石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 "
            "万 钱 严 覃 武 戴 莫 孔 向 汤 常 葛 査 童 操 储 项 甘").split()
SURNAME_W = [1.0 / (i + 6) for i in range(len(SURNAMES))]
COMPOUND = ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "夏侯", "公孙"]
MALE1 = list("伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林阳建志国文海东峰亮成德庆春永生金兵荣新光祥瑞彬坤毅博昊晨松")
FEMALE1 = list("芳娜敏静丽艳娟霞秀英兰桂玉红梅琳燕萍雪慧婷倩玲莉丹颖晶洁佳琴云凤露薇悦雯瑶")
MALE2 = ["建国", "志强", "建华", "国强", "建军", "国庆", "海涛", "俊杰", "子豪", "浩然", "宇轩", "文博", "明辉",
         "永强", "德明", "春生", "家豪", "志刚", "卫东", "红军", "传华", "大伟", "思远", "天佑", "金龙", "长海",
         "以德", "守业", "兴旺", "立新", "学军", "成林", "玉峰", "士杰", "家旺"]
FEMALE2 = ["秀英", "秀兰", "桂英", "玉兰", "桂兰", "秀珍", "凤英", "玉梅", "海燕", "丽娟", "文静", "春梅", "雨涵",
           "欣怡", "梓涵", "诗琪", "晓燕", "美玲", "红梅", "淑芬", "翠花", "小红", "佳怡", "思雨", "婉婷", "雪梅",
           "丽华", "玉珍", "金凤", "莉莉", "素琴", "传英", "家兰"]
MINORITY = [("阿依古丽", "女"), ("买买提·艾力", "男"), ("热依拉·吐尔逊", "女"), ("扎西多吉", "男"),
            ("次仁卓玛", "女"), ("艾尔肯·吾买尔", "男"), ("古丽娜尔·买买提", "女"), ("阿卜杜拉·热合曼", "男"),
            ("格桑曲珍", "女"), ("达瓦次仁", "男"), ("巴特尔", "男"), ("乌兰图雅", "女"), ("其其格", "女"),
            ("努尔比亚·阿不都拉", "女")]

CN_NUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]

# county -> list of (township, [villages], [communities])
HQ_VILLAGES = ["龙潭村", "白莲村", "江店村", "韩庄村", "李家庄村", "王店村", "陈楼村", "张湾村", "周圩村", "刘岗村",
               "马台村", "新华村", "和平村", "东湖村", "河口村", "黄岗村", "杨集村", "孙庙村", "吴郢村", "徐圩村",
               "郑庄村", "高庙村", "罗湾村", "谢岗村", "唐店村", "许集村", "石桥村", "金桥村", "柳林村", "桃园村",
               "曹楼村", "彭圩村", "朱湾村", "胡岗村", "丁郢村", "姚河村", "宋岗村", "范台村", "潘圩村", "林场村"]
HQ_TOWNS = ["城关镇", "河口镇", "周集镇", "临水镇", "新店镇", "石店镇", "马店镇", "孟集镇", "花园镇", "户胡镇",
            "长集镇", "乌龙镇", "高塘镇", "龙潭镇", "岔路镇", "冯井镇", "众兴集镇", "夏店镇", "曹庙镇", "范桥镇",
            "潘集镇", "彭塔镇", "宋店乡", "临淮岗镇", "冯瓴乡", "王截流乡", "城西湖乡", "三流乡", "邵岗乡", "白莲乡"]
HQ_COMMUNITIES = ["东湖社区", "新城社区", "城北社区", "光明社区", "淮河社区", "西湖社区", "迎宾社区"]
GROUP_NAMES = ["郑庄组", "李郢组", "王圩组", "大塘组", "前进组", "后湾组", "小李庄组", "张老庄组", "马岗组", "新庄组"]
HQ_ROADS = ["东湖路", "人民路", "光明大道", "迎宾大道", "淮河路", "蓼都大道", "建设街", "解放路", "新华街", "城西大道",
            "中心街", "青年巷", "胜利路", "文峰路", "紫薇路"]
COMPOUNDS = ["东湖小区", "锦绣花园", "蓼城世家", "翡翠湾小区", "阳光城", "滨湖新苑", "金色家园", "御景华庭",
             "书香门第小区", "城南安置小区", "幸福里小区", "碧桂园"]
OTHER_AREAS = [  # (province, city, district, roads, compounds)
    ("安徽省", "合肥市", "蜀山区", ["长江西路", "黄山路", "怀宁路", "潜山路"], ["翡翠湾小区", "绿地蓝海", "梅山苑"]),
    ("安徽省", "合肥市", "包河区", ["马鞍山路", "徽州大道", "望江东路"], ["滨湖世纪城", "万达公寓", "芙蓉苑"]),
    ("安徽省", "六安市", "金安区", ["皖西大道", "梅山南路", "解放南路"], ["九墩塘小区", "文庙巷小区", "南湖花园"]),
    ("安徽省", "六安市", "裕安区", ["梅山北路", "寿春路", "紫竹林路"], ["紫竹林小区", "新城苑"]),
    ("北京市", "", "朝阳区", ["建国路", "朝阳北路", "望京西路"], ["望京花园", "团结湖北里"]),
    ("上海市", "", "徐汇区", ["漕溪北路", "天钥桥路", "龙华西路"], ["汇翠花园", "田林新村"]),
    ("江苏省", "南京市", "鼓楼区", ["中山北路", "北京西路", "湖南路"], ["山西路小区", "颐和公寓"]),
    ("广东省", "深圳市", "南山区", ["科技南路", "南海大道", "桃园路"], ["海月花园", "南山村"]),
    ("浙江省", "杭州市", "西湖区", ["文三路", "天目山路", "古墩路"], ["翠苑一区", "文鼎苑"]),
    ("湖北省", "武汉市", "武昌区", ["中南路", "武珞路", "中北路"], ["东湖公寓", "水果湖小区"]),
    ("四川省", "成都市", "锦江区", ["春熙路", "东大街", "红星路"], ["锦华苑", "水碾河小区"]),
    ("山东省", "济南市", "历下区", ["泉城路", "经十路", "历山路"], ["燕子山小区", "文化东路小区"]),
]
OTHER_RURAL = [("安徽省", "六安市", "金安区", ["三十铺镇", "东桥镇", "木厂镇"]),
               ("安徽省", "六安市", "裕安区", ["苏埠镇", "独山镇", "石板冲乡"]),
               ("安徽省", "六安市", "叶集区", ["姚李镇", "孙岗乡", "三元镇"]),
               ("安徽省", "六安市", "金寨县", ["梅山镇", "天堂寨镇", "南溪镇"]),
               ("安徽省", "六安市", "寿县", ["正阳关镇", "安丰塘镇", "保义镇"]),
               ("安徽省", "阜阳市", "颍上县", ["谢桥镇", "黄桥镇"]),
               ("河南省", "信阳市", "固始县", ["陈集镇", "黎集镇", "张广庙镇"])]

UNIVERSITIES = ["安徽大学", "安徽师范大学", "安徽农业大学", "合肥工业大学", "安徽医科大学", "皖西学院", "淮北师范大学",
                "安徽财经大学", "阜阳师范大学", "安庆师范大学", "南京农业大学", "华中师范大学", "安徽中医药大学",
                "蚌埠医学院", "合肥师范学院", "六安职业技术学院", "安徽建筑大学", "中国科学技术大学"]
MAJORS = ["汉语言文学", "会计学", "临床医学", "护理学", "计算机科学与技术", "农学", "法学", "小学教育", "数学与应用数学",
          "英语", "土木工程", "行政管理", "药学", "学前教育", "财务管理", "动物医学", "水利水电工程", "园林"]

EMAIL_SYL = ["zhang", "wang", "li", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu",
             "hu", "guo", "he", "gao", "lin", "luo", "min", "jun", "hua", "qiang", "fang", "li", "na", "wei", "jing",
             "hong", "xiao", "ming", "ping", "yan", "tao", "jie", "lei", "yu", "xin", "hao"]
EMAIL_DOMAINS = ["qq.com", "163.com", "126.com", "sina.com", "139.com", "hotmail.com", "foxmail.com", "yeah.net",
                 "sohu.com", "gmail.com"]

FW = str.maketrans("0123456789", "０１２３４５６７８９")

CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_W = [3, 7, 9, 10, 5, 8, 4, 2]
ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"

R = random.Random(SEED)


def ch(seq):
    return R.choice(seq)


def digits(n, first_nonzero=False):
    s = "".join(str(R.randrange(10)) for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = str(R.randrange(1, 10)) + s[1:]
    return s


# --------------------------------------------------------------------------------------------
# Document builder
# --------------------------------------------------------------------------------------------
class Doc:
    def __init__(self, name, genre):
        self.name = name
        self.genre = genre
        self.parts = []
        self.pos = 0
        self.labels = []

    def w(self, s):
        self.parts.append(s)
        self.pos += len(s.encode("utf-8"))

    def p(self, kind, s):
        b = len(s.encode("utf-8"))
        assert b > 0
        self.labels.append((kind, self.pos, self.pos + b, s))
        self.w(s)

    def put(self, segs):
        """segs: a str, or a list of (text, kind-or-None)."""
        if isinstance(segs, str):
            self.w(segs)
            return
        for s, k in segs:
            if k:
                self.p(k, s)
            else:
                self.w(s)

    def text(self):
        return "".join(self.parts)


def plain(segs):
    return segs if isinstance(segs, str) else "".join(s for s, _ in segs)


def seglen(segs):
    """display width (CJK = 2)."""
    t = plain(segs)
    return sum(2 if ord(c) > 0x2E80 else 1 for c in t)


# --------------------------------------------------------------------------------------------
# Identifier generators
# --------------------------------------------------------------------------------------------
def id_check(body17):
    s = sum(int(c) * w for c, w in zip(body17, ID_W))
    return ID_CHECK[s % 11]


def luhn_digit(body):
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(num):
    return luhn_digit(num[:-1]) == num[-1]


def is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def rand_date(y0, y1):
    y = R.randint(y0, y1)
    m = R.randint(1, 12)
    dim = [31, 29 if is_leap(y) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return y, m, R.randint(1, dim)


class Person:
    def __init__(self, gender=None, age=None, local=True):
        self.gender = gender or ch(["男", "女"])
        self.name = make_name(self.gender)
        if age is None:
            y, m, d = rand_date(1940, 2004)
        else:
            y, m, d = rand_date(2023 - age[1], 2023 - age[0])
        self.birth = (y, m, d)
        if local and R.random() < 0.85:
            region = ch(LOCAL_REGIONS)
        else:
            region = ch(REGIONS)[0]
        if region.startswith("3424") and y >= 1999:
            region = "341522"
        if not region.startswith("3424") and region.startswith("3415") and y < 1999 and R.random() < 0.3:
            region = {"341522": "342423", "341502": "342401", "341503": "342401", "341523": "342425",
                      "341524": "342426"}.get(region, region)
        self.region = region
        seq = R.randrange(0, 100)
        sx = R.choice([1, 3, 5, 7, 9]) if self.gender == "男" else R.choice([0, 2, 4, 6, 8])
        body = "%s%04d%02d%02d%02d%d" % (region, y, m, d, seq, sx)
        self.id18 = body + id_check(body)
        self.id15 = "%s%02d%02d%02d%02d%d" % (region, y % 100, m, d, seq, sx)

    def age(self):
        return 2023 - self.birth[0]


def make_name(gender="男"):
    r = R.random()
    if r < 0.02:
        cands = [n for n, g in MINORITY if g == gender]
        return ch(cands)
    if r < 0.045:
        sur = ch(COMPOUND)
        return sur + (ch(MALE1 if gender == "男" else FEMALE1) +
                      (ch(MALE1 if gender == "男" else FEMALE1) if R.random() < 0.4 else ""))
    sur = R.choices(SURNAMES, SURNAME_W)[0]
    if r < 0.30:
        return sur + ch(MALE1 if gender == "男" else FEMALE1)
    if R.random() < 0.45:
        return sur + ch(MALE2 if gender == "男" else FEMALE2)
    pool = MALE1 if gender == "男" else FEMALE1
    a, b = ch(pool), ch(pool)
    while b == a:
        b = ch(pool)
    return sur + a + b


def fmt_id(p, allow_fw=True, old_ok=True):
    if old_ok and p.birth[0] < 1985 and R.random() < 0.06:
        s = p.id15
    else:
        s = p.id18
        r = R.random()
        if s.endswith("X") and r < 0.15:
            s = s[:-1] + "x"
        elif r < 0.03:
            s = s[:6] + " " + s[6:14] + " " + s[14:]
    if allow_fw and R.random() < 0.06:
        s = s.translate(FW).replace("X", "Ｘ")
    return s


def mask_id(s):
    r = R.random()
    if r < 0.4:
        return s[:4] + "*" * (len(s) - 8) + s[-4:]
    if r < 0.7:
        return s[:6] + "*" * 8 + s[-4:]
    if r < 0.85:
        return s[:6] + "********" + "****"
    return s[:3] + "*" * (len(s) - 7) + s[-4:]


def mobile_raw():
    return ch(MOBILE_PREFIXES) + digits(8)


def fmt_mobile(m=None):
    m = m or mobile_raw()
    r = R.random()
    if r < 0.08:
        return m[:3] + "-" + m[3:7] + "-" + m[7:]
    if r < 0.14:
        return m[:3] + " " + m[3:7] + " " + m[7:]
    if r < 0.18:
        return "+86 " + m
    if r < 0.24:
        return m.translate(FW)
    return m


def mask_mobile(m):
    return m[:3] + "****" + m[-4:]


def landline_parts():
    ac, n = ch(AREA_CODES)
    num = str(R.randint(2, 8)) + digits(n - 1)
    return ac, num


def fmt_landline(ac=None, num=None):
    if ac is None:
        ac, num = landline_parts()
    r = R.random()
    if r < 0.55:
        return ac + "-" + num
    if r < 0.68:
        return "(" + ac + ")" + num
    if r < 0.78:
        return "（" + ac + "）" + num
    if r < 0.86:
        return ac + " " + num
    if r < 0.92:
        return (ac + "-" + num).translate(FW)
    return ac + num


def office_phone():
    ac = "0564"
    num = ch(["6", "5", "2", "3"]) + digits(6)
    return fmt_landline(ac, num)


def bank_card_raw(bin_=None):
    b = ch(BINS) if bin_ is None else bin_
    body = b[0] + digits(b[2] - len(b[0]) - 1)
    num = body + luhn_digit(body)
    assert luhn_ok(num)
    return num, b[1]


def fmt_card(num):
    r = R.random()
    if r < 0.18:
        return " ".join(num[i:i + 4] for i in range(0, len(num), 4))
    if r < 0.22:
        return num.translate(FW)
    return num


def yikatong_raw():
    while True:
        num = ch(["2000", "1010", "3415", "2301", "1200"]) + digits(R.choice([13, 14, 15, 16]))
        if not luhn_ok(num):
            return num


def email():
    local = ch(EMAIL_SYL) + ch(EMAIL_SYL)
    r = R.random()
    if r < 0.4:
        local += digits(R.choice([2, 3, 4]))
    elif r < 0.55:
        local += "_" + ch(EMAIL_SYL)
    elif r < 0.65:
        local = digits(R.randint(7, 10), True)  # QQ mail
        return local + "@qq.com"
    return local + "@" + ch(EMAIL_DOMAINS)


def gov_email():
    return ch(["hqxmzj", "hqxzfb", "hqxxfj", "hqgkb", "lamzj", "hqxnyj", "hqrsj"]) + ch(["@163.com", "@126.com", "@sina.com"])


def passport():
    r = R.random()
    if r < 0.6:
        return "E" + digits(8)
    if r < 0.8:
        return "E" + ch("ABCDEFGHJKLMNPQRSTUVWXY") + digits(7)
    return "G" + digits(8)


def travel_permit():
    r = R.random()
    if r < 0.45:
        return "回乡证", "H" + digits(8)
    if r < 0.6:
        return "回乡证", "M" + digits(8)
    if r < 0.85:
        return "往来港澳通行证", "C" + digits(8)
    return "台湾居民来往大陆通行证", digits(8)


PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def plate():
    prov = ch(["皖"] * 6 + ["豫", "苏", "沪", "京", "浙", "鄂"])
    city = "N" if prov == "皖" and R.random() < 0.7 else ch("ABCDEFGHJKLMN")
    if R.random() < 0.2:
        tail = ch("DF") + digits(5)
    else:
        tail = "".join(ch(PLATE_LETTERS) if (i == 0 and R.random() < 0.4) else str(R.randrange(10))
                       for i in range(5))
    sep = ch(["", "", "·", "·", " "])
    return prov + city + sep + tail


def qq():
    return digits(R.choice([8, 9, 9, 10, 10]), True)


def wechat():
    s = ch("abcdefghijklmnopqrstuvwxyz") + "".join(
        ch("abcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(R.randint(5, 14)))
    return s


def credit_code(region="341522", kind="91"):
    body = "".join(ch(CREDIT_CHARS[:10] + "ABCDEFGHJKLMN") for _ in range(8))
    if R.random() < 0.5:
        body = "MA" + ch("0123456789") + ch("ABCDEFGHJKLMNPQRTUWXY") + digits(4)
    s = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, ORG_W))
    c9 = 11 - s % 11
    c9 = "X" if c9 == 10 else ("0" if c9 == 11 else str(c9))
    code17 = kind + region + body + c9
    t = sum(CREDIT_CHARS.index(c) * w for c, w in zip(code17, CREDIT_W))
    c18 = (31 - t % 31) % 31
    return code17 + CREDIT_CHARS[c18]


def surname_of(n):
    return n[:2] if n[:2] in COMPOUND else n[0]


def mask_name(n):
    if "·" in n:
        return n.split("·")[0][:1] + "**"
    if n[:2] in COMPOUND:
        return n[:2] + ("*" * (len(n) - 2) if R.random() < 0.6 else "*" + n[3:] if len(n) > 3 else "*")
    r = R.random()
    if r < 0.6:
        return n[0] + "*" * (len(n) - 1)
    if r < 0.8:
        return n[0] + "某某"
    if r < 0.9:
        return n[0] + "某"
    return n[0] + "*" + n[2:] if len(n) == 3 else n[0] + "*"


# --------------------------------------------------------------------------------------------
# Addresses
# --------------------------------------------------------------------------------------------
def group_name():
    r = R.random()
    if r < 0.55:
        return ch(CN_NUM) + "组"
    if r < 0.7:
        return "第" + ch(CN_NUM) + "村民组"
    if r < 0.85:
        return ch(GROUP_NAMES)
    return str(R.randint(1, 15)) + "组"


def hq_rural(level=None):
    """Huoqiu rural address. level: how much of the admin chain to show."""
    level = level if level is not None else R.choice([0, 1, 1, 2, 2, 2, 3])
    town = ch(HQ_TOWNS)
    vil = ch(HQ_VILLAGES)
    head = ["", "霍邱县", "六安市霍邱县", "安徽省六安市霍邱县"][level]
    tail = vil + group_name()
    if R.random() < 0.25:
        tail += str(R.randint(1, 120)) + "号"
    if level == 0 and R.random() < 0.3:
        return tail
    return head + town + tail


def hq_urban():
    head = ch(["", "霍邱县", "霍邱县", "六安市霍邱县", "安徽省霍邱县", "安徽省六安市霍邱县"])
    town = ch(["城关镇", "城关镇", ""])
    if head == "" and town == "":
        town = "城关镇"
    r = R.random()
    road = ch(HQ_ROADS) + str(R.randint(1, 399)) + "号"
    if r < 0.3:
        s = road + "%d栋%d单元%d%02d室" % (R.randint(1, 30), R.randint(1, 4), R.randint(1, 18), R.randint(1, 4))
    elif r < 0.55:
        s = ch(COMPOUNDS) + "%d号楼%d单元%d%02d" % (R.randint(1, 40), R.randint(1, 3), R.randint(1, 26),
                                                    R.randint(1, 4))
        if R.random() < 0.5:
            s += "室"
    elif r < 0.75:
        s = ch(HQ_COMMUNITIES) + ch(COMPOUNDS) + "%d幢%d%02d室" % (R.randint(1, 30), R.randint(1, 18),
                                                                  R.randint(1, 4))
    elif r < 0.9:
        s = road
    else:
        s = ch(HQ_ROADS) + ch(["西", "东", "北", "南"]) + "段" + str(R.randint(1, 99)) + "号" + \
            str(R.randint(1, 6)) + "层"
    return head + town + s


def other_urban():
    prov, city, dist, roads, comps = ch(OTHER_AREAS)
    head = prov + city + dist if R.random() < 0.6 else (city or prov) + dist
    r = R.random()
    if r < 0.5:
        s = ch(roads) + "%d号%s%d栋%d%02d室" % (R.randint(1, 2999), ch(comps), R.randint(1, 30),
                                             R.randint(1, 33), R.randint(1, 4))
    elif r < 0.8:
        s = ch(roads) + "%d号%d幢%d单元%d%02d室" % (R.randint(1, 999), R.randint(1, 20), R.randint(1, 4),
                                                 R.randint(1, 20), R.randint(1, 4))
    else:
        s = ch(comps) + "%d号楼%d%02d" % (R.randint(1, 20), R.randint(1, 28), R.randint(1, 4))
    return head + s


def other_rural():
    prov, city, county, towns = ch(OTHER_RURAL)
    vil = ch(HQ_VILLAGES)
    head = ch([prov + city + county, city + county, prov + county, county])
    return head + ch(towns) + vil + group_name()


def address(kind=None):
    r = R.random() if kind is None else {"rural": 0.1, "urban": 0.6, "other": 0.9}[kind]
    if r < 0.5:
        return hq_rural()
    if r < 0.8:
        return hq_urban()
    if r < 0.92:
        return other_urban()
    return other_rural()


def village_only():
    return ch(HQ_VILLAGES)


# --------------------------------------------------------------------------------------------
# Shared text material: hard negatives
# --------------------------------------------------------------------------------------------
ORGS = ["霍邱县民政局", "霍邱县人民政府", "霍邱县农业农村局", "霍邱县财政局", "霍邱县人力资源和社会保障局",
        "霍邱县自然资源和规划局", "霍邱县市场监督管理局", "霍邱县交通运输局", "霍邱县城市管理局",
        "中国农业银行霍邱支行", "霍邱县人民法院", "安徽省人民政府", "六安市人民政府", "霍邱县信访局",
        "霍邱县政务服务中心", "霍邱县卫生健康委员会", "霍邱县教育局", "霍邱县应急管理局", "六安市中级人民法院",
        "霍邱县农村商业银行", "霍邱县林业局", "霍邱县水利局", "霍邱县退役军人事务局", "霍邱县医疗保障局"]
TOWN_LIST_NEG = ["马店镇", "户胡镇", "周集镇", "姚李镇", "石店镇", "宋店乡", "范桥镇", "邵岗乡", "孟集镇",
                 "冯瓴乡", "高塘镇", "白莲乡", "龙潭镇", "潘集镇", "曹庙镇", "夏店镇", "彭塔镇", "冯井镇", "临水镇"]
PLACE_NEG = ["马店镇", "龙潭村", "王府井", "张家港", "李家庄", "冯瓴乡", "白莲村", "户胡镇", "高塘镇", "周集镇",
             "姚李镇", "石店镇", "宋店乡", "范桥镇", "邵岗乡", "孟集镇", "潘集区", "叶集区", "金寨县", "黄山市",
             "江店村", "韩庄村", "陈楼村", "马台村", "周圩村", "刘岗村", "霍山县", "寿县", "孙岗乡", "石板冲乡"]
TITLES = ["县长", "副县长", "局长", "副局长", "主任", "副主任", "镇长", "乡长", "党委书记", "村党支部书记",
          "科长", "站长", "所长", "分管负责同志", "主要负责同志"]


def docno(prefix=None):
    prefix = prefix or ch(["霍政办", "霍政", "霍民", "霍农", "霍财", "霍人社", "霍自然资规", "霍市监罚", "霍信",
                           "霍公开办", "霍民救", "霍城管罚", "霍交执罚", "霍应急罚"])
    return "%s〔%d〕%d号" % (prefix, R.randint(2019, 2024), R.randint(1, 260))


def cdate(y=None):
    y = y or R.randint(2019, 2024)
    return "%d年%d月%d日" % (y, R.randint(1, 12), R.randint(1, 28))


def money():
    return "%d.%02d" % (R.randint(100, 99999), R.randint(0, 99))


NEG_SENTENCES = [
    "各乡镇要高度重视，全面推动工作任务落实落细，对照时间节点马上行动，严格按照程序办理。",
    "要坚持以邓小平理论、“三个代表”重要思想、科学发展观为指导，深入学习贯彻党的二十大精神。",
    "坚持以马克思列宁主义、毛泽东思想、邓小平理论为指导，常态化开展政策宣传。",
    "{town1}、{town2}、{town3}等乡镇按照方案要求，及时张贴公示材料，公示期满无异议后发放资金。",
    "{town1}开展了业务培训，{town2}组织村级信息员进行集中学习，全县累计培训{n}人次。",
    "本次共发放资金{m}万元，余额{m2}元已按规定退回县财政专户，金额以实际到账为准。",
    "林业、水利、农业农村等部门要加强协调配合，确保方向不偏、力度不减。",
    "于是，县{org}牵头成立工作专班，倒排工期、挂图作战，确保按期完成任务。",
    "黄金周期间，全县江河湖库、田间地头安全形势总体平稳，未发生重大安全事故。",
    "纪念建党{n2}周年系列活动扎实开展，史料整理、文件汇编工作同步推进。",
    "举报电话：12345（政务服务便民热线）；消费投诉请拨打12315；紧急情况请拨打110。",
    "监督电话：0564-12345（政务服务便民热线），工作时间为工作日白天8:30至17:30。",
    "统一社会信用代码：{credit}。",
    "{place}地处淮河岸边，杨树成片、稻田连片，石头垒成的老堤至今仍在使用。",
    "严格执行政府信息公开保密审查制度，对涉及个人隐私的内容，一律作去标识化处理后公开。",
    "向上争取资金{m}万元，成本控制在预算范围之内，许可事项全部纳入清单管理。",
    "本文件自{date}起施行，有效期五年。文件编号：{docno}。",
    "全县共有{place}、{place2}等{n}个村（社区）完成了村务公开栏标准化改造。",
    "金额单位：元；面积单位：亩。合计金额以财政部门拨付为准。",
    "{org}、{org2}要按照职责分工，做好政策解读和舆论引导工作。",
    "邮政编码：237400。咨询时间：周一至周五（法定节假日除外）。",
    "县长办公会议研究决定，由分管副县长牵头，局长、主任分别负责具体落实。",
    "张家港、王府井等地的先进经验值得学习借鉴，要结合本地实际，因地制宜推广。",
    "朱红色的公示栏设在{place}村部门口，方便群众随时查阅。",
    "任务分解表见附件，请于{date}前将完成情况报送县{org}。",
]


def neg_sentence():
    t = ch(NEG_SENTENCES)
    towns = R.sample(TOWN_LIST_NEG, 3)
    return t.format(town1=towns[0], town2=towns[1], town3=towns[2], n=R.randint(50, 3000),
                    m="%.2f" % (R.randint(100, 99999) / 100), m2="%.2f" % (R.randint(1, 9999) / 100),
                    org=ch(["民政局", "财政局", "农业农村局", "政务服务中心", "信访局"]), n2=ch([100, 101, 102, 103]),
                    credit=credit_code(), place=ch(PLACE_NEG), place2=ch(PLACE_NEG), date=cdate(),
                    docno=docno(), org2=ch(ORGS))


def neg_para(n=None):
    n = n or R.randint(1, 3)
    return "".join(neg_sentence() for _ in range(n))


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------
def render_table(d, headers, rows, style=None):
    style = style or ch(["tab", "tab", "spaces", "spaces", "pipe", "ideo", "csv"])
    if style == "spaces":
        widths = [max(seglen(h), *(seglen(r[i]) for r in rows)) for i, h in enumerate(headers)]
    for ri, row in enumerate([headers] + rows):
        if style == "pipe":
            d.w("| ")
        for ci, cell in enumerate(row):
            if ci:
                if style == "tab":
                    d.w("\t")
                elif style == "pipe":
                    d.w(" | ")
                elif style == "ideo":
                    d.w("\u3000")
                elif style == "csv":
                    d.w(",")
                else:
                    d.w("  ")
            d.put(cell)
            if style == "spaces" and ci < len(row) - 1:
                d.w(" " * (widths[ci] - seglen(cell)))
        if style == "pipe":
            d.w(" |")
        d.w("\n")
        if ri == 0 and style == "pipe":
            d.w("|" + "|".join("---" for _ in headers) + "|\n")


def L(kind, s):
    return [(s, kind)]


def name_cell(p, masked):
    return plain(mask_name(p.name)) if masked else L("person_name", p.name)


def id_cell(p, masked):
    return mask_id(p.id18) if masked else L("id_card", fmt_id(p))


def phone_cell(masked):
    m = mobile_raw()
    if masked:
        return mask_mobile(m)
    if R.random() < 0.12:
        return L("landline", fmt_landline())
    return L("mobile", fmt_mobile(m))


def addr_cell(masked_level):
    """masked_level 0: full address; 1: village only (not a label); 2: town+village+group"""
    if masked_level == 1:
        return village_only()
    return L("address", hq_rural(level=0) if masked_level == 2 else address())


def org_footer(d, org, with_contact=True):
    d.w("\n")
    if with_contact:
        r = R.random()
        if r < 0.5:
            d.w("联系人：")
            d.p("person_name", make_name())
            d.w("    联系电话：")
            d.p("landline", office_phone())
            d.w("\n")
        elif r < 0.75:
            d.w("联系人：" + ch(SURNAMES) + ch(["科长", "主任", "同志", "股长"]) + "，电话：")
            d.p("landline", office_phone())
            d.w("\n")
        else:
            d.w("监督电话：")
            d.p("landline", office_phone())
            d.w("（" + org + "）；12345（政务服务便民热线）\n")
        if R.random() < 0.3:
            d.w("电子邮箱：")
            d.p("email", gov_email())
            d.w("\n")
        if R.random() < 0.25:
            d.w("通讯地址：")
            d.p("address", "霍邱县城关镇" + ch(HQ_ROADS) + str(R.randint(1, 300)) + "号")
            d.w("，邮编237400\n")
    d.w("\n" + " " * R.randint(10, 30) + org + "\n")
    d.w(" " * R.randint(10, 30) + cdate(2023) + "\n")


# --------------------------------------------------------------------------------------------
# Genre: 低保 / 特困 / 临时救助
# --------------------------------------------------------------------------------------------
def g_dibao(d):
    t = R.randrange(5)
    town = ch(HQ_TOWNS)
    quarter = ch(["第一季度", "第二季度", "第三季度", "第四季度", "1月份", "6月份", "下半年"])
    year = R.randint(2020, 2024)
    mask = R.random()
    masked_id = mask < 0.45
    masked_name = mask < 0.12
    masked_phone = mask < 0.6
    if t in (0, 1):
        kind = ch(["农村最低生活保障", "城市最低生活保障", "最低生活保障"])
        d.w("%s%d年%s%s新增对象公示\n\n" % (town, year, quarter, kind))
        d.w("根据《社会救助暂行办法》《安徽省最低生活保障制度实施办法》规定，经本人申请、村（居）民委员会"
            "入户调查、民主评议，%s审核，现将拟纳入%s的对象名单予以公示。" % (town, kind))
        d.w(neg_para(1) + "\n")
        d.w("公示期为%d个工作日（%s至%s）。\n\n" % (ch([5, 7]), cdate(year), cdate(year)))
        cols = [("序号", None), ("姓名", "name"), ("性别", "sex"), ("身份证号", "id"), ("家庭住址", "addr"),
                ("联系电话", "phone"), ("保障人数", "num"), ("月保障金额（元）", "amt")]
        if t == 1:
            cols = [("序号", None), ("户主姓名", "name"), ("所在村（居）", "vil"), ("身份证号码", "id"),
                    ("保障类别", "cat"), ("家庭人口", "num"), ("保障人口", "num"), ("月保障金（元）", "amt"),
                    ("备注", "note")]
        if R.random() < 0.3:
            c = cols[1:]
            R.shuffle(c)
            cols = [cols[0]] + c
        nrows = R.randint(12, 60)
        rows = []
        total = 0
        for i in range(nrows):
            p = Person()
            row = []
            for h, k in cols:
                if k is None:
                    row.append(str(i + 1))
                elif k == "name":
                    row.append(name_cell(p, masked_name))
                elif k == "sex":
                    row.append(p.gender)
                elif k == "id":
                    row.append(id_cell(p, masked_id))
                elif k == "addr":
                    row.append(addr_cell(ch([0, 0, 2, 1]) if not masked_name else 1))
                elif k == "vil":
                    row.append(village_only())
                elif k == "phone":
                    row.append(phone_cell(masked_phone))
                elif k == "num":
                    row.append(str(R.randint(1, 6)))
                elif k == "cat":
                    row.append(ch(["A类", "B类", "C类", "一类", "二类"]))
                elif k == "amt":
                    a = R.randint(3, 40) * 30
                    total += a
                    row.append(str(a))
                elif k == "note":
                    row.append(ch(["", "新增", "重残", "单人保", "", "", "大病"]))
            rows.append(row)
        render_table(d, [h for h, _ in cols], rows)
        if R.random() < 0.5:
            d.w("合计：%d户，月保障金额%d元。\n" % (nrows, total))
        d.w("\n公示期间，如有异议，请向%s民政办或县民政局反映。" % town)
        d.w(neg_para(1) + "\n")
        org_footer(d, town + "人民政府")
    elif t == 2:
        d.w("关于%s%d年%s特困人员救助供养审批结果的公示\n\n" % (town, year, quarter))
        n = R.randint(10, 40)
        ps = [Person(age=(16, 90)) for _ in range(n)]
        d.w("经审核，")
        if masked_name:
            d.w(mask_name(ps[0].name))
        else:
            d.p("person_name", ps[0].name)
        d.w("等%d人符合特困人员救助供养条件，现予以公示：\n" % n)
        cols = ["序号", "姓名", "性别", "年龄", "身份证号", "供养方式", "自理能力", "所在村", "基本生活费（元/月）"]
        rows = []
        for i, p in enumerate(ps):
            rows.append([str(i + 1), name_cell(p, masked_name), p.gender, str(p.age()), id_cell(p, masked_id),
                         ch(["分散供养", "集中供养"]), ch(["全自理", "半护理", "全护理"]), village_only(),
                         str(ch([620, 650, 700, 745]))])
        render_table(d, cols, rows)
        d.w("\n" + neg_para(2) + "\n")
        org_footer(d, town + "人民政府")
    elif t == 3:
        d.w("%s临时救助对象公示（%d年%s）\n\n" % (town, year, quarter))
        d.w("为切实保障困难群众基本生活，根据《霍邱县临时救助实施细则》，经个人申请、村级初审、乡镇审核，"
            "现对以下临时救助对象予以公示：\n\n")
        cols = ["序号", "申请人", "家庭住址", "救助事由", "救助金额（元）", "联系电话", "备注"]
        rows = []
        for i in range(R.randint(10, 45)):
            p = Person()
            rows.append([str(i + 1), name_cell(p, masked_name), addr_cell(0 if not masked_name else 1),
                         ch(["因病", "因灾", "因学", "突发事件", "意外伤害", "支出型困难"]),
                         str(R.randint(5, 60) * 100), phone_cell(masked_phone), ""])
        render_table(d, cols, rows)
        d.w("\n" + neg_para(2) + "\n")
        org_footer(d, town + "人民政府")
    else:
        # prose form
        n = R.randint(5, 25)
        ps = [Person() for _ in range(n)]
        d.w("%s关于%d年%s低保动态调整情况的公示\n\n" % (town, year, quarter))
        d.w("经审核，")
        d.p("person_name", ps[0].name)
        d.w("等%d户符合最低生活保障条件，拟纳入保障范围；" % n)
        q = Person()
        d.p("person_name", q.name)
        d.w("等%d户因家庭收入发生变化，拟退出保障。具体情况如下：\n\n" % R.randint(2, 9))
        for i, p in enumerate(ps):
            d.w("%d. " % (i + 1) if R.random() < 0.6 else "（%s）" % CN_NUM[i % 12])
            d.p("person_name", p.name)
            sep = ch(["，", "，", "；"])
            if R.random() < 0.5:
                d.w("，身份证号")
                d.p("id_card", fmt_id(p)) if not masked_id else d.w(mask_id(p.id18))
            d.w(sep + "住")
            d.p("address", address())
            d.w(sep + "保障人数%d人，月保障金额%d元" % (R.randint(1, 5), R.randint(3, 40) * 30))
            if R.random() < 0.3:
                d.w("，联系电话")
                d.p("mobile", fmt_mobile())
            d.w("。\n")
        d.w("\n以上拟退出对象：")
        outs = [Person() for _ in range(R.randint(2, 6))]
        for i, p in enumerate(outs):
            if i:
                d.w("、")
            d.p("person_name", p.name)
        d.w("。\n")
        d.w(neg_para(2) + "\n")
        org_footer(d, town + "人民政府")


# --------------------------------------------------------------------------------------------
# Genre: 惠农补贴发放清册
# --------------------------------------------------------------------------------------------
def g_huinong(d):
    t = R.randrange(4)
    town = ch(HQ_TOWNS)
    year = R.randint(2019, 2024)
    subsidy = ch(["耕地地力保护补贴", "实际种粮农民一次性补贴", "稻谷目标价格补贴", "农机购置补贴",
                  "退耕还林补助", "生态公益林补偿"])
    masked_card = R.random() < 0.35
    masked_id = R.random() < 0.45
    if t == 3:
        subsidy = "农机购置补贴"
    elif subsidy == "农机购置补贴":
        subsidy = "耕地地力保护补贴"
    d.w("%s%d年度%s发放清册\n" % (town, year, subsidy))
    if R.random() < 0.5:
        d.w("（%s村）\n" % ch(HQ_VILLAGES).rstrip("村"))
    d.w("填报单位：%s财政所    发放方式：%s    单位：亩、元\n\n" % (town, ch(["一卡通", "惠民惠农财政补贴资金“一卡通”",
                                                             "银行代发"])))
    if t == 0:
        cols = ["序号", "户主姓名", "身份证号", "一卡通账号", "开户行", "计税面积", "补贴标准", "补贴金额"]
    elif t == 1:
        cols = ["编号", "村民组", "户主", "身份证号码", "银行卡号", "开户银行", "确权面积（亩）", "金额（元）", "签字"]
    elif t == 2:
        cols = ["序号", "姓名", "银行账号", "身份证号", "补贴面积", "金额", "联系电话"]
    else:
        cols = ["序号", "购机者姓名", "所在乡镇", "机具品目", "牌照号码", "身份证号", "补贴金额（元）", "收款账号"]
    rows = []
    tot = 0.0
    for i in range(R.randint(15, 70)):
        p = Person()
        card, bank = bank_card_raw()
        area = R.randint(5, 300) / 10
        std = ch([110.0, 118.5, 120.6, 96.0])
        amt = round(area * std, 2)
        tot += amt
        if masked_card:
            cardcell = card[:6] + "*******" + card[-4:]
        else:
            if R.random() < 0.15 and t in (0, 1):
                cardcell = L("bank_card", yikatong_raw())
            else:
                cardcell = L("bank_card", fmt_card(card))
        row = []
        for c in cols:
            if c in ("序号", "编号"):
                row.append(str(i + 1))
            elif c in ("户主姓名", "户主", "姓名", "购机者姓名"):
                row.append(L("person_name", p.name))
            elif c.startswith("身份证"):
                row.append(id_cell(p, masked_id))
            elif c in ("一卡通账号", "银行卡号", "银行账号", "收款账号"):
                row.append(cardcell)
            elif c in ("开户行", "开户银行"):
                row.append(ch(["农行", "中国农业银行", "农商行", "邮储银行", bank]) + ch(BRANCHES))
            elif c == "村民组":
                row.append(ch(HQ_VILLAGES) + group_name())  # village + group: an address
                row[-1] = L("address", row[-1])
            elif c in ("计税面积", "确权面积（亩）", "补贴面积"):
                row.append("%.1f" % area)
            elif c == "补贴标准":
                row.append("%.2f" % std)
            elif c in ("补贴金额", "金额（元）", "金额", "补贴金额（元）"):
                row.append("%.2f" % amt)
            elif c == "签字":
                row.append("")
            elif c == "联系电话":
                row.append(phone_cell(R.random() < 0.5))
            elif c == "所在乡镇":
                row.append(ch(HQ_TOWNS))
            elif c == "机具品目":
                row.append(ch(["轮式拖拉机", "谷物联合收割机", "旋耕机", "插秧机", "植保无人机"]))
            elif c == "牌照号码":
                row.append(L("license_plate", plate()) if R.random() < 0.7 else "—")
        rows.append(row)
    render_table(d, cols, rows)
    d.w("合计\t\t\t\t\t\t%.2f\n\n" % tot)
    d.w("说明：补贴资金通过“一卡通”直接发放到户，请农户凭本人身份证到开户行查询。" + neg_para(2) + "\n")
    if R.random() < 0.5:
        d.w("制表人：")
        d.p("person_name", make_name())
        d.w("    审核人：")
        d.p("person_name", make_name())
        d.w("    财政所长：" + ch(["", "（签字）"]) + "\n")
    org_footer(d, town + "财政所", with_contact=R.random() < 0.7)


# --------------------------------------------------------------------------------------------
# Genre: 征地拆迁补偿公示
# --------------------------------------------------------------------------------------------
def g_zhengdi(d):
    t = R.randrange(3)
    project = ch(["城西湖大道延伸段", "霍邱县经济开发区扩区", "G328国道改建工程", "城关镇棚户区改造",
                  "淮河行蓄洪区居民迁建", "引江济淮配套工程", "高塘镇中心小学扩建"])
    d.w("%s项目%s\n\n" % (project, ch(["房屋征收补偿公示", "征地补偿安置方案公示", "被征收人补偿明细公示"])))
    d.w("根据《国有土地上房屋征收与补偿条例》《安徽省实施〈中华人民共和国土地管理法〉办法》等规定，"
        "经%s批准（%s），现将%s项目被征收房屋补偿情况公示如下：\n\n" % (ch(["县人民政府", "六安市人民政府"]), docno(),
                                                    project))
    masked = R.random() < 0.3
    if t in (0, 1):
        if t == 0:
            cols = ["序号", "被征收人", "房屋坐落", "结构", "合法面积（㎡）", "补偿金额（元）", "安置方式"]
        else:
            cols = ["户号", "被征收人", "身份证号码", "房屋坐落", "面积(㎡)", "单价(元/㎡)", "补偿金额(元)", "联系方式"]
        rows = []
        for i in range(R.randint(10, 45)):
            p = Person(age=(25, 85))
            area = R.randint(400, 3200) / 10
            price = R.randint(1800, 5200)
            row = []
            for c in cols:
                if c in ("序号", "户号"):
                    row.append(str(i + 1) if c == "序号" else "ZS-%03d" % (i + 1))
                elif c == "被征收人":
                    if R.random() < 0.1 and not masked:
                        q = Person()
                        row.append([(p.name, "person_name"), ("、", None), (q.name, "person_name")])
                    else:
                        row.append(name_cell(p, masked))
                elif c == "房屋坐落":
                    row.append(L("address", ch([hq_urban, hq_rural])()))
                elif c.startswith("身份证"):
                    row.append(id_cell(p, masked or R.random() < 0.3))
                elif c == "结构":
                    row.append(ch(["砖混", "砖木", "框架", "简易"]))
                elif c.startswith("合法面积") or c.startswith("面积"):
                    row.append("%.1f" % area)
                elif c.startswith("单价"):
                    row.append(str(price))
                elif c.startswith("补偿金额"):
                    row.append("%.2f" % (area * price))
                elif c == "安置方式":
                    row.append(ch(["货币补偿", "产权调换", "货币补偿", "选择安置房"]))
                elif c == "联系方式":
                    row.append(phone_cell(masked))
            rows.append(row)
        render_table(d, cols, rows)
    else:
        for i in range(R.randint(6, 20)):
            p = Person(age=(25, 85))
            area = R.randint(400, 3200) / 10
            d.w("%d、被征收人：" % (i + 1))
            d.p("person_name", p.name)
            d.w(ch(["；", "，", "  "]) + "房屋坐落：")
            d.p("address", ch([hq_urban, hq_rural])())
            d.w("；证载面积%.2f平方米，评估单价%d元/平方米，补偿总额%s元" % (area, R.randint(1800, 5200), money()))
            if R.random() < 0.35:
                d.w("；补偿款拨付至被征收人")
                card, bank = bank_card_raw()
                d.w(bank + "账户")
                d.p("bank_card", fmt_card(card))
            d.w("。\n")
    d.w("\n公示期间，被征收人对补偿结果有异议的，可向项目征收指挥部书面反映。" + neg_para(2) + "\n")
    d.w("项目指挥部地址：")
    d.p("address", "霍邱县城关镇" + ch(HQ_ROADS) + str(R.randint(1, 300)) + "号")
    d.w("\n")
    org_footer(d, ch(["霍邱县房屋征收与补偿服务中心", "霍邱县自然资源和规划局", project + "项目指挥部"]))


# --------------------------------------------------------------------------------------------
# Genre: 行政处罚决定书
# --------------------------------------------------------------------------------------------
def party_block_person(d, p, label="当事人"):
    style = R.randrange(3)
    addr = address()
    if style == 0:
        d.w("%s：" % label)
        d.p("person_name", p.name)
        d.w("，%s，%d年%d月%d日出生，%s，身份证号码：" % (p.gender, *p.birth, ch(["汉族", "汉族", "回族"])))
        d.p("id_card", fmt_id(p))
        d.w("，住")
        d.p("address", addr)
        d.w("，联系电话：")
        d.p("mobile", fmt_mobile())
        d.w("。\n")
    elif style == 1:
        d.w("%s姓名：" % label)
        d.p("person_name", p.name)
        d.w("\n性别：%s\n身份证号码：" % p.gender)
        d.p("id_card", fmt_id(p))
        d.w("\n住址：")
        d.p("address", addr)
        d.w("\n联系电话：")
        if R.random() < 0.85:
            d.p("mobile", fmt_mobile())
        else:
            d.p("landline", fmt_landline())
        d.w("\n")
    else:
        d.w("%s  " % label)
        d.p("person_name", p.name)
        d.w("  性别：%s  出生日期：%d年%d月%d日\n公民身份号码  " % (p.gender, *p.birth))
        d.p("id_card", fmt_id(p))
        d.w("\n住    所  ")
        d.p("address", addr)
        d.w("\n")
        if R.random() < 0.4:
            d.w("电子邮箱  ")
            d.p("email", email())
            d.w("\n")


def g_chufa(d):
    org = ch(["霍邱县市场监督管理局", "霍邱县城市管理局", "霍邱县交通运输局", "霍邱县应急管理局",
              "霍邱县生态环境分局", "霍邱县农业农村局", "霍邱县自然资源和规划局", "霍邱县卫生健康委员会"])
    d.w(org + "\n行政处罚决定书\n\n")
    d.w(" " * 20 + docno() + "\n\n")
    t = R.randrange(4)
    if t == 0 and R.random() < 0.4:
        p = Person(age=(20, 70), local=False)
        d.w("当事人：")
        d.p("person_name", p.name)
        d.w("，%s，%d年%d月%d日出生，" % (p.gender, *p.birth))
        if R.random() < 0.5:
            tname, num = travel_permit()
            d.w("香港居民，" if num.startswith("H") else "")
            d.w(tname + "号码：")
            d.p("travel_permit", num)
        else:
            d.w("护照号码：")
            d.p("passport", passport())
        d.w("，现住")
        d.p("address", ch([hq_urban, other_urban])())
        d.w("，联系电话：")
        d.p("mobile", fmt_mobile())
        if R.random() < 0.5:
            d.w("，微信号：")
            d.p("wechat", wechat())
        d.w("。\n")
        ref = p.name
    elif t == 0:
        p = Person(age=(20, 70))
        party_block_person(d, p)
        ref = p.name
    elif t in (1, 2):
        cname = ch(["霍邱县", "六安市", "安徽"]) + ch(["鑫源", "宏达", "金泰", "永兴", "淮河", "蓼城", "华康", "顺发"]) + \
            ch(["建材", "食品", "商贸", "物流", "农业科技", "餐饮管理", "建筑工程"]) + "有限公司"
        d.w("当事人：%s\n统一社会信用代码：%s\n住所：" % (cname, credit_code(ch(["341522", "341502", "340104"]))))
        d.p("address", ch([hq_urban, other_urban])())
        lr = Person(age=(25, 65))
        d.w(ch(["\n法定代表人：", "\n法定代表人（负责人）：", "\n法定代表人 "]))
        d.p("person_name", lr.name)
        if t == 2:
            d.w("，身份证号码：")
            d.p("id_card", fmt_id(lr))
            d.w("，联系电话：")
            d.p("mobile", fmt_mobile())
        d.w("\n")
        if R.random() < 0.5:
            ag = Person()
            d.w("委托代理人：")
            d.p("person_name", ag.name)
            d.w("，该公司员工，联系电话：")
            d.p("mobile", fmt_mobile())
            d.w("\n")
        ref = cname
    else:
        p = Person(age=(20, 70))
        shop = ch(["霍邱县城关镇", "霍邱县户胡镇", "霍邱县马店镇", "霍邱县周集镇"]) + \
            ch(["老王", "兴旺", "好运来", "佳佳", "红红"]) + ch(["超市", "小吃店", "副食店", "农资店", "五金店"])
        d.w("当事人：%s（个体工商户）\n统一社会信用代码：%s\n经营者：" % (shop, credit_code("341522", "92")))
        d.p("person_name", p.name)
        d.w("\n经营场所：")
        d.p("address", hq_urban())
        d.w("\n经营者身份证号：")
        d.p("id_card", fmt_id(p))
        d.w("\n")
        ref = shop
    d.w("\n")
    facts = ch([
        "%s日，本局执法人员在日常检查中发现，当事人经营的食品超过保质期，涉案货值金额%s元。",
        "%s日，执法人员依法对当事人的经营场所进行检查，发现当事人未取得许可擅自从事经营活动，违法所得%s元。",
        "%s日，当事人驾驶车辆从事道路运输经营，未取得道路运输经营许可，非法营运收入%s元。",
        "%s日，当事人在城区主干道违规占道经营、擅自设置户外广告，经责令改正拒不改正，涉及金额%s元。",
    ]) % (cdate(2023)[:-1], money())
    d.w("    " + facts)
    if R.random() < 0.5:
        d.w("涉案车辆号牌为")
        d.p("license_plate", plate())
        d.w("。")
    d.w("本局于%s立案调查。\n" % cdate(2023))
    d.w("    上述事实，有现场检查笔录、询问笔录、现场照片、%s等证据证实。" % ch(["营业执照复印件", "身份证复印件", "检验报告"]))
    if t == 0 and R.random() < 0.6:
        d.w("执法人员")
        d.p("person_name", make_name())
        d.w("、")
        d.p("person_name", make_name())
        d.w("（执法证号：%s、%s）参与调查。" % (digits(8), digits(8)))
    d.w("\n    " + neg_para(1) + "\n")
    d.w("    本局认为，当事人")
    if t == 0:
        d.p("person_name", ref)
    else:
        d.w(ref)
    d.w("的行为违反了《%s》第%d条的规定。依据《%s》第%d条的规定，本局决定对当事人作出如下行政处罚：\n"
        % (ch(["中华人民共和国食品安全法", "中华人民共和国道路运输条例",
                                                                 "城市市容和环境卫生管理条例", "安全生产法"]),
           R.randint(10, 120), ch(["中华人民共和国行政处罚法", "中华人民共和国食品安全法", "安徽省城市管理条例"]),
           R.randint(10, 120)))
    d.w("    1. 没收违法所得%s元；\n    2. 罚款%s元。\n" % (money(), money()))
    d.w("    当事人应自收到本决定书之日起十五日内，将罚款缴至指定银行（%s），逾期不缴纳的，每日按罚款数额的百分之三加处罚款。\n"
        % ch(["中国农业银行霍邱支行", "霍邱农村商业银行", "非税收入收缴系统"]))
    d.w("    当事人如不服本处罚决定，可在收到本决定书之日起六十日内向%s申请行政复议，或者六个月内向%s提起行政诉讼。\n"
        % (ch(["霍邱县人民政府", "六安市市场监督管理局"]), ch(["霍邱县人民法院", "六安市裕安区人民法院"])))
    d.w("\n" + " " * 24 + org + "\n" + " " * 24 + cdate(2023) + "\n")
    if R.random() < 0.6:
        d.w("\n（执法单位地址：")
        d.p("address", "霍邱县城关镇" + ch(HQ_ROADS) + str(R.randint(1, 300)) + "号")
        d.w("  联系电话：")
        d.p("landline", office_phone())
        d.w("）\n")
    if R.random() < 0.3:
        d.w("本决定书送达时，当事人拒绝签收，已由见证人" + ch(SURNAMES) + "某某在场见证。\n")


# --------------------------------------------------------------------------------------------
# Genre: 事业单位拟聘用人员公示
# --------------------------------------------------------------------------------------------
def g_nipin(d):
    year = R.randint(2020, 2024)
    t = R.randrange(3)
    d.w("%s%d年%s拟聘用人员公示\n\n" % (ch(["霍邱县", "霍邱县教育局", "霍邱县卫生健康委员会", "六安市"]), year,
                                  ch(["公开招聘事业单位工作人员", "公开招聘中小学教师", "公开招聘乡镇卫生院专业技术人员",
                                      "引进急需紧缺专业人才", "“三支一扶”服务期满考核"])))
    d.w("根据《事业单位公开招聘人员暂行规定》及招聘公告要求，经笔试、面试、体检和考察，确定以下人员为拟聘用人员，"
        "现予以公示。公示期为%d个工作日。\n\n" % ch([5, 7]))
    n = R.randint(12, 70)
    ps = [Person(age=(22, 35)) for _ in range(n)]
    if t == 0:
        cols = ["序号", "姓名", "性别", "出生年月", "学历", "毕业院校", "所学专业", "拟聘单位", "拟聘岗位", "准考证号"]
    elif t == 1:
        cols = ["岗位代码", "拟聘岗位", "姓名", "性别", "出生年月", "毕业院校及专业", "笔试成绩", "面试成绩", "总成绩"]
    else:
        cols = None
    if cols:
        rows = []
        for i, p in enumerate(ps):
            row = []
            for c in cols:
                if c == "序号":
                    row.append(str(i + 1))
                elif c == "姓名":
                    row.append(L("person_name", p.name))
                elif c == "性别":
                    row.append(p.gender)
                elif c == "出生年月":
                    row.append(ch(["%d.%02d", "%d年%d月", "%d-%02d"]) % p.birth[:2])
                elif c == "学历":
                    row.append(ch(["本科", "硕士研究生", "大专", "本科"]))
                elif c == "毕业院校":
                    row.append(ch(UNIVERSITIES))
                elif c == "所学专业":
                    row.append(ch(MAJORS))
                elif c == "毕业院校及专业":
                    row.append(ch(UNIVERSITIES) + ch(MAJORS))
                elif c == "拟聘单位":
                    row.append(ch(["霍邱县第一中学", "霍邱县人民医院", "户胡镇中心学校", "马店镇卫生院", "霍邱县城关第二小学",
                                   "周集镇农业综合服务站", "霍邱县疾病预防控制中心", "姚李中心学校"]))
                elif c == "拟聘岗位":
                    row.append(ch(["专业技术岗", "管理岗", "语文教师", "数学教师", "临床医生", "护士", "会计"]))
                elif c == "岗位代码":
                    row.append("%d%04d" % (year, R.randint(1, 999)))
                elif c == "准考证号":
                    row.append(digits(10, True))
                elif c in ("笔试成绩", "面试成绩", "总成绩"):
                    row.append("%.2f" % (R.randint(5500, 9200) / 100))
            rows.append(row)
        render_table(d, cols, rows)
    else:
        for i, p in enumerate(ps):
            d.w("%d．" % (i + 1))
            d.p("person_name", p.name)
            d.w("，%s，%d年%d月生，%s%s专业毕业，%s学历，拟聘%s%s。\n" % (
                p.gender, p.birth[0], p.birth[1], ch(UNIVERSITIES), ch(MAJORS), ch(["本科", "研究生"]),
                ch(["霍邱县人民医院", "户胡镇中心学校", "霍邱县农业技术推广中心"]), ch(["专技岗", "管理岗"])))
    d.w("\n公示期间，如对拟聘用人员有异议，请以书面形式实名反映，并提供联系方式。")
    d.w(neg_para(1) + "\n")
    d.w("受理部门：霍邱县人力资源和社会保障局事业单位人事管理股\n")
    d.w("受理电话：")
    d.p("landline", office_phone())
    if R.random() < 0.5:
        d.w("、")
        d.p("landline", office_phone())
    d.w("\n")
    if R.random() < 0.6:
        d.w("电子邮箱：")
        d.p("email", gov_email())
        d.w("\n")
    if R.random() < 0.3:
        d.w("招聘咨询QQ：")
        d.p("qq", qq())
        d.w("\n")
    org_footer(d, "霍邱县人力资源和社会保障局", with_contact=R.random() < 0.5)


# --------------------------------------------------------------------------------------------
# Genre: 信访 / 依申请公开答复
# --------------------------------------------------------------------------------------------
def foreign_doc():
    if R.random() < 0.5:
        return [("证件类型", "护照"), ("证件号码", [(passport(), "passport")])]
    t, num = travel_permit()
    return [("证件类型", t), ("证件号码", [(num, "travel_permit")])]


def g_dafu(d):
    t = R.randrange(4)
    p = Person(age=(22, 80))
    org = ch(["霍邱县人民政府办公室", "霍邱县自然资源和规划局", "霍邱县住房和城乡建设局", "霍邱县信访局",
              "霍邱县农业农村局", "霍邱县民政局"])
    addr = address()
    if t in (0, 1):
        d.w("%s\n政府信息公开申请答复书\n\n%s\n\n" % (org, docno(ch(["霍政办依复", "霍自然资规依复", "霍住建依复", "霍农依复"]))))
        d.p("person_name", p.name)
        d.w(ch(["：\n", "先生：\n" if p.gender == "男" else "女士：\n", "同志：\n"]))
        d.w("    本机关于%s收到您通过%s提交的政府信息公开申请，申请获取“%s”的政府信息。" % (
            cdate(2023), ch(["信函", "政府信息公开平台", "当面", "电子邮件"]),
            ch(["2022年" + ch(HQ_TOWNS) + "征地补偿款发放明细", ch(HQ_VILLAGES) + "土地承包经营权确权登记资料",
                "城关镇棚户区改造项目批复文件", "本人房屋征收评估报告"])))
        d.w("经审查，现答复如下：\n    ")
        d.w(ch(["您申请的信息属于主动公开范围，已在霍邱县人民政府网站公开，获取方式附后。",
                "经检索，本机关未制作、获取您申请的政府信息，该信息不存在。",
                "您申请的信息中含有第三方个人隐私，经征求第三方意见，第三方不同意公开，本机关决定不予公开。",
                "您申请的部分信息涉及第三方" + ch(SURNAMES) + "某的个人信息，已作去标识化处理后提供。"]))
        d.w(neg_para(1) + "\n")
        d.w("    如对本答复不服，可在收到本答复之日起六十日内向六安市人民政府申请行政复议，或者在六个月内向%s提起行政诉讼。\n\n"
            % ch(["霍邱县人民法院", "六安市中级人民法院"]))
        d.w(" " * 20 + org + "\n" + " " * 20 + cdate(2023) + "\n\n")
        d.w("（联系人：")
        d.p("person_name", make_name())
        d.w("，联系电话：")
        d.p("landline", office_phone())
        d.w("）\n\n附：申请人信息\n")
        fields = [("申请人姓名", [(p.name, "person_name")]),
                  ("证件类型", "居民身份证"), ("证件号码", [(fmt_id(p), "id_card")]),
                  ] if R.random() < 0.6 else [("申请人姓名", [(p.name, "person_name")])] + foreign_doc()
        fields += [
                  ("通信地址", [(addr, "address")]), ("邮政编码", "2374%02d" % R.randint(0, 99)),
                  ("联系电话", [(fmt_mobile(), "mobile")])]
        if R.random() < 0.5:
            fields.append(("电子邮箱", [(email(), "email")]))
        if t == 1:
            R.shuffle(fields)
        for k, v in fields:
            d.w(k + ch(["：", "：", ":", "  "]))
            d.put(v)
            d.w("\n")
        d.w("送达方式：%s\n" % ch(["邮寄", "电子邮件", "当面领取"]))
    elif t == 2:
        d.w("%s\n信访事项处理意见书\n\n%s\n\n" % (org, docno("霍信处")))
        d.p("person_name", p.name)
        d.w("：\n    您于%s反映的“%s”问题收悉。" % (cdate(2023), ch(["要求解决低保待遇", "房屋拆迁补偿标准偏低",
                                                         "邻里宅基地纠纷", "拖欠农民工工资", "土地流转费用未兑现"])))
        d.w("我单位高度重视，责成%s进行调查核实。现将处理意见告知如下：\n" % ch(TOWN_LIST_NEG))
        d.w("    一、基本情况。信访人")
        d.p("person_name", p.name)
        d.w("，%s，%d年出生，身份证号" % (p.gender, p.birth[0]))
        d.p("id_card", fmt_id(p))
        d.w("，家住")
        d.p("address", addr)
        d.w("，联系电话")
        d.p("mobile", mobile_raw())  # glued to text
        d.w("。")
        if R.random() < 0.5:
            d.w("信访人另提供微信：")
            d.p("wechat", wechat())
            d.w("，QQ：")
            d.p("qq", qq())
            d.w("，便于联系。")
        rel = Person()
        d.w("信访人与其%s" % ch(["邻居", "堂兄", "妻子", "村民"]))
        d.p("person_name", rel.name)
        d.w("因%s发生纠纷，多次到镇、县反映。\n" % ch(["宅基地界址", "土地承包", "借款"]))
        d.w("    二、调查核实情况。经查，" + neg_para(2) + "\n")
        d.w("    三、处理意见。" + neg_para(1) + "\n")
        d.w("    如对本处理意见不服，可自收到本意见书之日起30日内向%s请求复查。\n\n" % ch(["霍邱县人民政府", "六安市信访局"]))
        d.w("承办人：")
        d.p("person_name", make_name())
        d.w("    联系电话：")
        d.p("landline", office_phone())
        d.w("\n" + " " * 20 + org + "\n" + " " * 20 + cdate(2023) + "\n")
    else:
        d.w("关于%s同志来信反映问题的答复\n\n" % (surname_of(p.name) + "某某"))
        d.p("person_name", p.name)
        d.w(ch(["同志", "先生" if p.gender == "男" else "女士"]) + "：\n")
        d.w("    您通过“12345”政务服务便民热线（工单号：%s）反映的问题收悉。" % digits(12, True))
        d.w("经%s会同%s实地核查，" % (ch(["县城管局", "县住建局", "城关镇政府"]), ch(TOWN_LIST_NEG)) + neg_para(2))
        d.w("\n    您所反映位于")
        d.p("address", hq_urban())
        d.w("的问题，已责成物业公司于%s前整改到位。" % cdate(2023))
        if R.random() < 0.5:
            d.w("涉事车辆（号牌")
            d.p("license_plate", plate())
            d.w("）已由交警部门依法处理。")
        d.w("\n    感谢您对我县工作的关心和支持。如有疑问，请与我们联系。\n")
        off = Person()
        d.w("联系人：")
        d.p("person_name", off.name)
        d.w(ch(["，", "  "]) + "电话：")
        d.p("landline", office_phone())
        d.w(ch(["；手机：", "，"]))
        d.p("mobile", fmt_mobile())
        d.w("\n" + " " * 20 + org + "\n" + " " * 20 + cdate(2023) + "\n")
    if R.random() < 0.4:
        d.w("\n抄送：" + "、".join(R.sample(ORGS, 3)) + "。\n")


# --------------------------------------------------------------------------------------------
# Genre: 民事判决书摘录
# --------------------------------------------------------------------------------------------
def court_party(d, role, p, mask=False):
    d.w(role + "：")
    if mask:
        d.w(mask_name(p.name))
    else:
        d.p("person_name", p.name)
    d.w("，%s，%d年%d月%d日出生，%s，" % (p.gender, *p.birth, ch(["汉族", "汉族", "汉族", "回族"])))
    if R.random() < 0.4:
        d.w(ch(["农民", "个体经营者", "务工人员", "无业"]) + "，")
    d.w("住")
    if mask:
        d.w(ch(["安徽省霍邱县", "霍邱县", "安徽省六安市"]) + ch(HQ_TOWNS) + "。")
    else:
        d.p("address", address())
        d.w("。")
        r = R.random()
        if r < 0.12:
            d.w("护照号码")
            d.p("passport", passport())
            d.w("。")
        elif r < 0.22:
            tname, num = travel_permit()
            d.w(tname + "号码")
            d.p("travel_permit", num)
            d.w("。")
        elif r < 0.8:
            d.w("公民身份号码")
            d.p("id_card", fmt_id(p))
            d.w("。")
    d.w("\n")


def g_court(d):
    court = ch(["安徽省霍邱县人民法院", "安徽省六安市中级人民法院", "安徽省六安市裕安区人民法院", "安徽省霍邱县人民法院"])
    d.w(court + "\n民事判决书\n\n（%d）皖15%s民%s%d号\n\n" % (
        R.randint(2019, 2024), ch(["22", "02", "03"]), ch(["初", "终"]), R.randint(100, 9999)))
    mask = R.random() < 0.2
    pl = Person(age=(22, 80))
    df = Person(age=(22, 80))
    court_party(d, "原告", pl, mask)
    rep = None
    if R.random() < 0.7:
        rep = Person(age=(28, 60))
        d.w("委托诉讼代理人：")
        d.p("person_name", rep.name)
        d.w("，安徽%s律师事务所律师。\n" % ch(["皖西", "淮河", "蓼城", "天禾", "金亚太"]))
    company = R.random() < 0.3
    if company:
        cname = "霍邱县" + ch(["腾达", "恒通", "宏远", "安泰"]) + ch(["运输", "置业", "建筑"]) + "有限公司"
        d.w("被告：%s，住所地" % cname)
        d.p("address", hq_urban())
        d.w("。统一社会信用代码：%s。\n法定代表人：" % credit_code())
        lr = Person()
        d.p("person_name", lr.name)
        d.w("，该公司执行董事。\n")
        dname = cname
    else:
        court_party(d, "被告", df, mask)
        dname = df.name
    if R.random() < 0.4:
        df2 = Person()
        court_party(d, "被告", df2, mask)
    d.w("\n    原告")
    nm = mask_name(pl.name) if mask else pl.name
    d.put(nm if mask else L("person_name", nm))
    d.w("与被告")
    if company:
        d.w(dname)
    elif mask:
        d.w(mask_name(df.name))
    else:
        d.p("person_name", dname)
    case = ch(["民间借贷纠纷", "机动车交通事故责任纠纷", "房屋买卖合同纠纷", "劳务合同纠纷", "离婚纠纷"])
    d.w("%s一案，本院于%s立案后，依法适用%s公开开庭进行了审理。原告" % (case, cdate(), ch(["简易程序", "普通程序"])))
    d.put(nm if mask else L("person_name", nm))
    if rep:
        d.w("及其委托诉讼代理人")
        d.p("person_name", rep.name)
    d.w("到庭参加诉讼。本案现已审理终结。\n")
    d.w("    原告")
    d.put(nm if mask else L("person_name", nm))
    d.w("向本院提出诉讼请求：1.判令被告偿还借款本金%s元及利息；2.本案诉讼费用由被告承担。事实和理由：" % money())
    if case == "机动车交通事故责任纠纷":
        d.w("%s，被告驾驶" % cdate())
        d.p("license_plate", plate())
        d.w("号小型轿车沿%s由南向北行驶至%s路段时，与原告驾驶的" % (ch(HQ_ROADS), ch(TOWN_LIST_NEG)))
        d.p("license_plate", plate())
        d.w("号电动三轮车发生碰撞，致原告受伤。")
    else:
        d.w("%s，被告因资金周转向原告借款，原告通过银行转账方式将款项转入被告账户" % cdate())
        if mask:
            d.w("6228****" + digits(4))
        else:
            card, _ = bank_card_raw()
            d.p("bank_card", fmt_card(card))
        d.w("，被告出具借条一份。")
        if R.random() < 0.5 and not mask:
            d.w("此后双方主要通过微信（原告微信号")
            d.p("wechat", wechat())
            d.w("）及QQ（被告QQ号：")
            d.p("qq", qq())
            d.w("）联系。")
        d.w("后经原告多次催要，被告至今未还。")
    d.w("\n    " + neg_para(1) + "\n")
    d.w("    本院认为，合法的借贷关系受法律保护。依照《中华人民共和国民法典》第%d条、《中华人民共和国民事诉讼法》第%d条之规定，判决如下：\n"
        % (R.randint(500, 1200), R.randint(60, 150)))
    d.w("    一、被告")
    if company:
        d.w(dname)
    elif mask:
        d.w(mask_name(df.name))
    else:
        d.p("person_name", dname)
    d.w("于本判决生效之日起十日内偿还原告")
    d.put(nm if mask else L("person_name", nm))
    d.w("借款本金%s元；\n    二、驳回原告其他诉讼请求。\n" % money())
    d.w("    案件受理费%d元，减半收取%d元，由被告负担。\n" % (R.randint(50, 5000), R.randint(25, 2500)))
    d.w("    如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于安徽省六安市中级人民法院。\n\n")
    for role in ["审判长", "审判员", "人民陪审员"] if R.random() < 0.5 else ["审判员"]:
        d.w(" " * 24 + role + ("    " if len(role) == 3 else "  "))
        d.p("person_name", make_name())
        d.w("\n")
    d.w("\n" + " " * 24 + cdate() + "\n" + " " * 24 + "书  记  员  ")
    d.p("person_name", make_name())
    d.w("\n")


# --------------------------------------------------------------------------------------------
# PII-free genres
# --------------------------------------------------------------------------------------------
FREE_TEMPLATES = [
    "{year}年，{org}在县委、县政府的坚强领导下，{verb}推进各项工作，取得了明显成效。",
    "全年共公开政府信息{n}条，同比增长{p}%，其中主动公开{n2}条，依申请公开{n3}件。",
    "{town}开展了“{theme}”专项行动，组织干部群众{n}人次参加，发放宣传资料{n2}份。",
    "{town}、{town2}结合实际，探索建立“{theme}”工作机制，切实打通服务群众“最后一公里”。",
    "坚持“公开为常态、不公开为例外”原则，全面推动决策、执行、管理、服务、结果公开。",
    "严格落实个人信息保护要求，对公示名单中的身份证号码、联系电话、银行账号等信息一律作脱敏处理。",
    "县长主持召开专题会议，研究部署{theme}工作，要求各单位主要负责同志亲自抓、负总责。",
    "局长带队深入{town}、{place}等地开展调研，实地查看项目建设进展情况。",
    "截至{month}月底，全县累计发放{theme}资金{m}万元，惠及群众{n}户。",
    "下一步，我们将以习惯性的严格标准，常态化开展“回头看”，推动{theme}工作提质增效。",
    "会议强调，要高度重视安全生产工作，全面排查整治各类风险隐患，坚决防范重特大事故发生。",
    "本次培训邀请了{org2}业务骨干授课，重点解读了《中华人民共和国政府信息公开条例》的有关条款。",
    "{place}位于{town}东部，辖{n4}个村民组，耕地面积{n}亩，主导产业为{crop}种植。",
    "各单位要于{month}月{day}日前将工作总结报送县政务公开办，联系电话：12345。",
    "据统计，{year}年全县粮食总产量{m}万吨，农民人均可支配收入{n}元，同比增长{p}%。",
    "政策咨询请拨打政务服务便民热线12345，或登录霍邱县人民政府网站“政策解读”栏目查询。",
    "马上就办、办就办好，全县政务服务事项网上可办率达到{p}%，“一网通办”成效明显。",
    "石店镇、范桥镇的做法被{org2}在全市推广，得到群众普遍好评。",
    "任何单位和个人不得截留、挤占、挪用补贴资金，一经发现，将依法依规严肃处理。",
    "方案明确了目标任务、实施步骤和保障措施，请认真抓好贯彻落实。",
    "补贴对象为在本县行政区域内实际从事{crop}生产的种植户，补贴标准为每亩{n5}元。",
    "按照“谁审批、谁负责”的原则，{org}对申报材料严格审核，确保资金安全。",
    "江河安澜，田野丰收。{town}的{crop}基地里，金黄的稻穗随风起伏，一派丰收景象。",
    "问：哪些人员可以申请临时救助？答：因火灾、交通事故等意外事件导致基本生活暂时出现严重困难的家庭或个人，可以申请临时救助。",
    "问：补贴资金如何发放？答：补贴资金通过惠民惠农财政补贴资金“一卡通”系统直接发放到农户账户。",
    "问：公示期间发现问题如何反映？答：可拨打县民政局监督电话或12345热线反映，也可书面实名反映。",
    "全县{n4}个乡镇、{n}个村（社区）全部建成标准化公开栏，实现了村务公开全覆盖。",
    "林业部门加强森林防火巡查，白天巡山、夜间值守，确保不发生森林火灾。",
    "于{month}月{day}日召开全县{theme}工作推进会，县委常委、副县长出席会议并讲话。",
    "金寨县、霍山县、叶集区等兄弟县区的同志来我县考察交流，对{town}的经验给予充分肯定。",
    "黄山市、张家港市的先进做法值得借鉴，要结合我县实际，因地制宜抓好推广。",
    "向上争取项目{n4}个、资金{m}万元，为{theme}提供了有力保障。",
    "冯瓴乡、邵岗乡等沿淮乡镇积极做好防汛准备，储备编织袋{n}条、救生衣{n2}件。",
    "钱款发放实行“一卡通”管理，严禁以现金形式发放，严禁代签代领。",
    "程序方面，严格执行个人申请、村级评议、乡镇审核、县级审批、张榜公示等环节。",
    "以习惯养成为抓手，推动文明创建工作向纵深发展，全县文明程度明显提升。",
    "根据《国务院办公厅关于印发{year}年政务公开工作要点的通知》要求，结合我县实际，制定本方案。",
    "文件编号：{docno}。印发日期：{date}。",
    "统一社会信用代码为{credit}的{company}被评为“守合同重信用”企业。",
    "本网站所载文章、数据仅供参考，使用前请核实，风险自负。",
]
THEMES = ["乡村振兴", "一网通办", "放管服", "最低生活保障提标", "人居环境整治", "禁烧秸秆", "防汛抗旱",
          "政务公开标准化规范化", "林长制", "河长制", "营商环境优化", "基层治理", "农村厕所革命", "安全生产月"]
CROPS = ["水稻", "小麦", "油菜", "稻虾", "蔬菜", "杞柳", "瓜蒌"]


def free_sentence():
    t = ch(FREE_TEMPLATES)
    return t.format(year=R.randint(2019, 2024), org=ch(ORGS), org2=ch(ORGS), verb=ch(["扎实", "稳步", "全面", "持续"]),
                    n=R.randint(100, 90000), n2=R.randint(50, 9000), n3=R.randint(5, 300), p=R.randint(2, 40),
                    town=ch(TOWN_LIST_NEG), town2=ch(TOWN_LIST_NEG), place=ch(PLACE_NEG), theme=ch(THEMES),
                    month=R.randint(1, 12), day=R.randint(1, 28), m="%.2f" % (R.randint(100, 999999) / 100),
                    n4=R.randint(3, 40), crop=ch(CROPS), n5=ch([110, 118, 120, 96]), docno=docno(),
                    date=cdate(), credit=credit_code(), company="霍邱县" + ch(["鑫源", "宏达", "金泰"]) + "实业有限公司")


def g_free(d, genre):
    heads = {
        "工作总结": ["%s%d年工作总结及%d年工作计划", "%s%d年度政府信息公开工作年度报告", "%s%d年上半年工作总结"],
        "新闻稿": ["%s召开%s工作推进会", "%s扎实推进%s工作", "%s：%s见实效"],
        "政策解读": ["《关于做好%s工作的实施意见》政策解读", "一图读懂%s", "%s相关政策问答"],
        "通知": ["关于做好%s工作的通知", "关于开展%s专项检查的通知", "关于印发《%s实施方案》的通知"],
    }[genre]
    h = ch(heads)
    org = ch(ORGS)
    if genre == "工作总结":
        y = R.randint(2019, 2023)
        title = h % (org, y, y + 1) if h.count("%") == 3 else h % (org, y)
    elif genre == "新闻稿":
        title = h % (ch(TOWN_LIST_NEG + [org]), ch(THEMES))
    else:
        title = h % ch(THEMES)
    d.w(title + "\n\n")
    if genre == "通知":
        d.w(docno() + "\n\n各乡镇人民政府，县直各单位：\n")
    if genre == "新闻稿":
        d.w("本网讯（%s）" % ch(["通讯员 本站", "记者 本台", "县融媒体中心"]))
    nsec = R.randint(4, 8)
    for s in range(nsec):
        if genre in ("工作总结", "通知") or R.random() < 0.4:
            d.w("%s、%s\n" % (CN_NUM[s], ch(["高度重视，强化组织领导", "突出重点，全面推动落实", "完善制度，规范工作程序",
                                             "强化监督，确保资金安全", "存在问题", "下一步工作打算", "工作目标",
                                             "实施步骤", "保障措施", "政策背景", "主要内容", "申请条件"])))
        for _ in range(R.randint(2, 4)):
            d.w("    ")
            for _ in range(R.randint(3, 6)):
                d.w(free_sentence() if R.random() < 0.75 else neg_sentence())
            d.w("\n")
    if R.random() < 0.5:
        d.w("\n附件：%s名单（已脱敏）\n" % ch(THEMES))
        for i in range(R.randint(3, 12)):
            p = Person()
            d.w("%d\t%s\t%s\t%s\t%s\n" % (i + 1, mask_name(p.name), p.gender, mask_id(p.id18), mask_mobile(mobile_raw())))
    d.w("\n" + " " * 20 + org + "\n" + " " * 20 + cdate() + "\n")
    if R.random() < 0.3:
        d.w("（此件公开发布）\n")


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------
PLAN = [  # (genre key, file prefix, count, fn)
    ("低保特困临时救助公示", "dibao", 62, g_dibao),
    ("惠农补贴发放清册", "huinong", 45, g_huinong),
    ("征地拆迁补偿公示", "zhengdi", 40, g_zhengdi),
    ("行政处罚决定书", "chufa", 50, g_chufa),
    ("事业单位拟聘用人员公示", "nipin", 40, g_nipin),
    ("信访依申请公开答复", "dafu", 50, g_dafu),
    ("民事判决书", "panjue", 40, g_court),
    ("工作总结", "zongjie", 35, lambda d: g_free(d, "工作总结")),
    ("新闻稿", "xinwen", 35, lambda d: g_free(d, "新闻稿")),
    ("政策解读", "jiedu", 30, lambda d: g_free(d, "政策解读")),
    ("通知", "tongzhi", 30, lambda d: g_free(d, "通知")),
]


def check_doc(d, data):
    prev_end = -1
    for kind, s, e, t in sorted(d.labels, key=lambda x: x[1]):
        assert 0 <= s < e <= len(data), (d.name, kind, s, e)
        assert data[s:e].decode("utf-8") == t, (d.name, kind, t)
        assert s >= prev_end, ("overlapping labels", d.name, t)
        assert t == t.strip(), (d.name, t)
        prev_end = e


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=HERE, help="output directory (default: corpus/)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    out = args.out
    docs_dir = os.path.join(out, "docs")
    os.makedirs(docs_dir, exist_ok=True)
    for f in sorted(os.listdir(docs_dir)):
        if f.endswith(".txt"):
            os.remove(os.path.join(docs_dir, f))
    labels_out = []
    manifest = []
    stats_kind = {}
    stats_genre = {}
    total_bytes = 0
    for genre, prefix, count, fn in PLAN:
        for i in range(count):
            name = "docs/%s_%03d.txt" % (prefix, i + 1)
            d = Doc(name, genre)
            fn(d)
            text = d.text()
            data = text.encode("utf-8")
            check_doc(d, data)
            with open(os.path.join(out, name), "wb") as f:
                f.write(data)
            total_bytes += len(data)
            for kind, s, e, t in sorted(d.labels, key=lambda x: x[1]):
                labels_out.append({"doc": name, "kind": kind, "start": s, "end": e, "text": t})
                stats_kind[kind] = stats_kind.get(kind, 0) + 1
            manifest.append({"doc": name, "genre": genre, "pii_free": not d.labels})
            g = stats_genre.setdefault(genre, [0, 0, 0])
            g[0] += 1
            g[1] += len(data)
            g[2] += (not d.labels)
    # merge the handwritten manifest (produced by handwritten/label.py)
    hw = os.path.join(HERE, "handwritten", "manifest.jsonl")
    hw_lines = []
    if os.path.exists(hw):
        with open(hw, encoding="utf-8") as f:
            hw_lines = [json.loads(line) for line in f if line.strip()]
    with open(os.path.join(out, "labels.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for lab in labels_out:
            f.write(json.dumps(lab, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "manifest.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for m in manifest + hw_lines:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    if not args.quiet:
        ndocs = len(manifest)
        nfree = sum(1 for m in manifest if m["pii_free"])
        print("generated docs: %d (pii-free: %d = %.1f%%), bytes: %d (%.2f MB), labels: %d" % (
            ndocs, nfree, 100.0 * nfree / ndocs, total_bytes, total_bytes / 1048576, len(labels_out)))
        print("per genre (docs, bytes, pii-free docs):")
        for g, (n, b, fr) in stats_genre.items():
            print("  %-14s %4d %9d %4d" % (g, n, b, fr))
        print("per kind:")
        for k in sorted(stats_kind):
            print("  %-14s %6d" % (k, stats_kind[k]))
        print("handwritten manifest entries merged: %d" % len(hw_lines))
    assert len(manifest) >= 400 and total_bytes >= 2 * 1024 * 1024, "corpus too small"
    return 0


if __name__ == "__main__":
    sys.exit(main())
