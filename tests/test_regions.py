"""regions: what a report's issuers and titles say of its territory."""
from __future__ import annotations

import pytest

from rectify_cli.regions import scope_word


@pytest.mark.parametrize(("issuers", "word"), [
    (("西藏自治区党委、政府",), "全区"),
    (("测试自治区党委、政府",), "全区"),
    (("甘肃省人民政府",), "全省"),
    (("中共甘肃省委、甘肃省人民政府",), "全省"),
    (("北京市人民政府",), "全市"),
    (("海南省三亚市人民政府",), "全市"),      # the last level named is the issuer's own
    (("省市场监督管理局",), "全省"),          # 市场 is no city
    (("某督察组",), ""),                      # no level named: no word rather than a wrong one
    (("甘肃省人民政府", "宁夏回族自治区人民政府"), ""),  # a folder of several levels
    (("甘肃省人民政府", "甘肃省委"), "全省"),
    # (a folder of two territories of one level: neither's word; one territory's bodies named two ways: its word)
    (("西藏自治区党委、政府", "新疆维吾尔自治区党委、政府"), ""),
    (("中共西藏自治区委员会、西藏自治区人民政府", "西藏自治区党委、政府"), "全区"),
    (("西藏自治区拉萨市城关区委", "西藏自治区拉萨市堆龙德庆区委"), ""),
    # (a folder's files naming no territory: one file is one report, several may be several regions';
    # a region written in full and short: one territory)
    (("自治区党委、政府",), "全区"),
    (("自治区党委、政府", "自治区党委、政府"), ""),
    (("宁夏回族自治区人民政府", "中共宁夏自治区委员会"), "全区"),
    # (an autonomous prefecture was 全省, a district 全市, a province naming 各市县 全市)
    (("四川省凉山彝族自治州委、州人民政府",), "全州"),
    (("北京市朝阳区委、区政府",), "全区"),
    (("海南省委、省政府和各市县党委政府",), "全省"),
    (("内蒙古自治区阿拉善盟委",), "全盟"),
])
def test_the_scope_word_follows_the_issuer(issuers, word):
    assert scope_word(issuers) == word
