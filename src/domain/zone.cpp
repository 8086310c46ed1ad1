// Time zones read directly from their TZif files (RFC 8536), one file per zone named.
#include "complain/domain/time.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <vector>

namespace complain {

struct ZoneType {
    std::chrono::seconds offset{0};
    bool dst = false;
    std::string abbrev;
};

// A zone's transitions as its file gives them. Past the last transition the last type holds, and
// before the first the first type (RFC 8536, 3.2), as date's zones from the system's files do.
struct ZoneFile {
    std::string name;
    std::vector<std::chrono::sys_seconds> at; // transitions, ascending
    std::vector<std::uint8_t> type;           // the type that starts at at[i]
    std::vector<ZoneType> types;
    std::chrono::seconds widest{0}; // the largest offset of its types, east or west

    // Interval k is [begin(k), end(k)): interval 0 before the first transition, k from at[k-1].
    size_t intervals() const { return at.size() + 1; }
    std::chrono::sys_seconds begin(size_t k) const {
        return k == 0 ? std::chrono::sys_seconds{date::sys_days{date::year::min() / 1 / 1}}
                      : at[k - 1];
    }
    std::chrono::sys_seconds end(size_t k) const {
        return k == at.size()
                   ? std::chrono::sys_seconds{date::sys_days{date::year::max() / 12 / 31}}
                   : at[k];
    }
    const ZoneType& type_of(size_t k) const { return types[k == 0 ? first_type() : type[k - 1]]; }
    size_t first_type() const { return 0; }
    size_t interval_at(std::chrono::sys_seconds t) const {
        // Most instants a list converts are after a zone's last transition.
        if (at.empty() || t >= at.back()) return at.size();
        return static_cast<size_t>(std::upper_bound(at.begin(), at.end(), t) - at.begin());
    }
};

namespace {

const char* const zoneinfo = "/usr/share/zoneinfo";

std::int64_t be(const std::string& s, size_t pos, size_t n) {
    std::uint64_t v = 0;
    for (size_t i = 0; i < n; ++i)
        v = (v << 8) | static_cast<unsigned char>(s.at(pos + i));
    if (n == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
}

// Parses a TZif file's data; nullptr if it is not one.
std::unique_ptr<ZoneFile> parse(const std::string& s, std::string name) {
    if (s.size() < 44 || s.compare(0, 4, "TZif") != 0) return nullptr;
    auto counts = [&](size_t h) {
        std::array<size_t, 6> c{};
        for (size_t i = 0; i < 6; ++i)
            c[i] = static_cast<size_t>(be(s, h + 20 + 4 * i, 4));
        return c; // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
    };
    size_t h = 0;
    size_t tsize = 4;
    auto c = counts(h);
    if (s[4] >= '2') { // skip the 32-bit data to the 64-bit header
        h = 44 + c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
        if (s.size() < h + 44 || s.compare(h, 4, "TZif") != 0) return nullptr;
        c = counts(h);
        tsize = 8;
    }
    auto [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = c;
    (void)isutcnt;
    (void)isstdcnt;
    (void)leapcnt;
    size_t p = h + 44;
    if (typecnt == 0 || s.size() < p + timecnt * (tsize + 1) + typecnt * 6 + charcnt)
        return nullptr;
    auto z = std::make_unique<ZoneFile>();
    z->name = std::move(name);
    for (size_t i = 0; i < timecnt; ++i)
        z->at.emplace_back(std::chrono::seconds{be(s, p + i * tsize, tsize)});
    p += timecnt * tsize;
    for (size_t i = 0; i < timecnt; ++i) {
        auto t = static_cast<std::uint8_t>(s[p + i]);
        if (t >= typecnt) return nullptr;
        z->type.push_back(t);
    }
    p += timecnt;
    size_t chars = p + typecnt * 6;
    for (size_t i = 0; i < typecnt; ++i, p += 6) {
        ZoneType t;
        t.offset = std::chrono::seconds{be(s, p, 4)};
        z->widest = std::max(z->widest, t.offset < t.offset.zero() ? -t.offset : t.offset);
        t.dst = s[p + 4] != 0;
        auto idx = static_cast<unsigned char>(s[p + 5]);
        if (idx < charcnt) t.abbrev = std::string(s.c_str() + chars + idx);
        z->types.push_back(std::move(t));
    }
    if (!std::is_sorted(z->at.begin(), z->at.end())) return nullptr;
    return z;
}

} // namespace

std::optional<Zone> zone_named(std::string_view name) {
    // The names date lists: relative paths inside the tree, not its "posix" and "right" copies.
    if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos ||
        name.starts_with("posix/") || name.starts_with("right/") ||
        name.find('.') != std::string_view::npos)
        return std::nullopt;
    static std::map<std::string, std::unique_ptr<ZoneFile>, std::less<>> loaded;
    if (auto it = loaded.find(name); it != loaded.end()) return Zone{it->second.get()};
    // Read with stdio: a directory ("America") fails to read rather than throwing.
    std::string path = std::string(zoneinfo) + "/" + std::string(name);
    std::FILE* in = std::fopen(path.c_str(), "rb");
    if (in == nullptr) return std::nullopt;
    std::string data;
    char buf[4096];
    size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, in)) > 0)
        data.append(buf, n);
    bool failed = std::ferror(in) != 0;
    std::fclose(in);
    if (failed) return std::nullopt;
    auto z = parse(data, std::string(name));
    if (!z) return std::nullopt;
    const ZoneFile* f = z.get();
    loaded.emplace(std::string(name), std::move(z));
    return Zone{f};
}

Zone built_in_utc() {
    static const ZoneFile utc{
        "UTC", {}, {}, {ZoneType{std::chrono::seconds{0}, false, "UTC"}}, std::chrono::seconds{0}};
    return Zone{&utc};
}

const std::string& Zone::name() const {
    return file_->name;
}

date::sys_info Zone::get_info(std::chrono::sys_seconds t) const {
    size_t k = file_->interval_at(t);
    const ZoneType& type = file_->type_of(k);
    date::sys_info i;
    i.begin = file_->begin(k);
    i.end = file_->end(k);
    i.offset = type.offset;
    i.save = std::chrono::minutes{type.dst ? 60 : 0};
    i.abbrev = type.abbrev;
    return i;
}

date::local_seconds Zone::to_local(std::chrono::sys_seconds t) const {
    // The offset alone: a long list converts each row's instants, and a whole sys_info copies
    // the abbreviation each time.
    return date::local_seconds{t.time_since_epoch() + file_->type_of(file_->interval_at(t)).offset};
}

std::chrono::sys_seconds Zone::to_sys(date::local_seconds t, date::choose z) const {
    // The intervals in which t can lie are near the one holding t read as UTC: offsets are within
    // a day or so. The earliest interval whose offset maps t into itself wins (ambiguous times
    // give two); if none does, t is in a gap and the instant after the gap stands for it.
    const ZoneFile& f = *file_;
    // Past the last transition by more than any offset, only the last interval can hold t: most
    // days a list converts.
    if (!f.at.empty() && t.time_since_epoch() - f.widest > f.at.back().time_since_epoch())
        return std::chrono::sys_seconds{t.time_since_epoch() - f.type_of(f.at.size()).offset};
    size_t k0 = f.interval_at(std::chrono::sys_seconds{t.time_since_epoch()});
    size_t lo = k0 >= 4 ? k0 - 4 : 0;
    size_t hi = std::min(f.intervals(), k0 + 5);
    std::optional<std::chrono::sys_seconds> found;
    std::optional<std::chrono::sys_seconds> gap;
    for (size_t k = lo; k < hi; ++k) {
        auto s = std::chrono::sys_seconds{t.time_since_epoch() - f.type_of(k).offset};
        if (s >= f.begin(k) && s < f.end(k)) {
            if (!found || z == date::choose::latest) found = s;
            if (z == date::choose::earliest) break;
        } else if (s < f.begin(k) && !gap) {
            gap = f.begin(k);
        }
    }
    if (found) return *found;
    return gap ? *gap : std::chrono::sys_seconds{t.time_since_epoch()};
}

} // namespace complain
