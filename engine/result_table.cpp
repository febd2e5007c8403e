#include "engine/result_table.hpp"

#include <algorithm>
#include <limits>

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace maillage {
namespace {

// Native byte order is fine: both ends of the pipe are the same binary on the same machine.
struct Writer {
  std::string out;
  void u64(std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void f64(double v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(const std::string& s) {
    u64(s.size());
    out += s;
  }
  void strings(const std::vector<std::string>& v) {
    u64(v.size());
    for (const auto& s : v) str(s);
  }
};

struct Reader {
  const std::string& in;
  std::size_t pos = 0;
  void need(std::size_t n) const {
    if (n > in.size() - pos) throw std::runtime_error("result table: truncated data");
  }
  std::uint64_t u64() {
    std::uint64_t v;
    need(sizeof v);
    std::memcpy(&v, in.data() + pos, sizeof v);
    pos += sizeof v;
    return v;
  }
  double f64() {
    double v;
    need(sizeof v);
    std::memcpy(&v, in.data() + pos, sizeof v);
    pos += sizeof v;
    return v;
  }
  std::string str() {
    const auto n = u64();
    need(n);
    std::string s = in.substr(pos, n);
    pos += n;
    return s;
  }
  std::vector<std::string> strings() {
    const auto n = u64();
    need(n);  // each string needs at least one byte of length: rejects absurd counts early
    std::vector<std::string> v;
    v.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) v.push_back(str());
    return v;
  }
};

void write_table(Writer& w, const ResultTable& t) {
  w.strings(t.key_columns);
  w.strings(t.value_columns);
  w.u64(t.rows.size());
  for (const auto& r : t.rows) {
    for (const auto& k : r.keys) w.str(k);
    for (double v : r.values) w.f64(v);
  }
}

ResultTable read_table(Reader& r) {
  ResultTable t;
  t.key_columns = r.strings();
  t.value_columns = r.strings();
  const auto n = r.u64();
  for (std::uint64_t i = 0; i < n; ++i) {
    ResultTable::Row row;
    for (std::size_t k = 0; k < t.key_columns.size(); ++k) row.keys.push_back(r.str());
    for (std::size_t k = 0; k < t.value_columns.size(); ++k) row.values.push_back(r.f64());
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

int ResultTable::value_index(const std::string& name) const {
  for (std::size_t i = 0; i < value_columns.size(); ++i)
    if (value_columns[i] == name) return static_cast<int>(i);
  return -1;
}

double ResultTable::value(const Row& row, const std::string& column) const {
  const int i = value_index(column);
  return i < 0 ? std::numeric_limits<double>::quiet_NaN() : row.values.at(static_cast<std::size_t>(i));
}

void ResultTable::append(const ResultTable& other) {
  if (rows.empty() && key_columns.empty() && value_columns.empty()) {
    *this = other;
    return;
  }
  if (other.key_columns != key_columns || other.value_columns != value_columns)
    throw std::logic_error("result table: appending a table with other columns");
  rows.insert(rows.end(), other.rows.begin(), other.rows.end());
}

std::string ResultTable::serialise() const {
  Writer w;
  write_table(w, *this);
  return std::move(w.out);
}

ResultTable ResultTable::deserialise(const std::string& bytes) {
  Reader r{bytes};
  return read_table(r);
}

ResultTable& ResultSet::table(const std::string& name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return tables[i];
  names.push_back(name);
  tables.emplace_back();
  return tables.back();
}

const ResultTable* ResultSet::find(const std::string& name) const {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return &tables[i];
  return nullptr;
}

std::string ResultSet::serialise() const {
  Writer w;
  w.strings(names);
  for (const auto& t : tables) write_table(w, t);
  return std::move(w.out);
}

ResultSet ResultSet::deserialise(const std::string& bytes) {
  Reader r{bytes};
  ResultSet s;
  s.names = r.strings();
  for (std::size_t i = 0; i < s.names.size(); ++i) s.tables.push_back(read_table(r));
  return s;
}

std::vector<std::string> ResultTable::first_keys() const {
  std::vector<std::string> keys;
  for (const auto& row : rows)
    if (std::find(keys.begin(), keys.end(), row.keys[0]) == keys.end()) keys.push_back(row.keys[0]);
  return keys;
}

}  // namespace maillage
