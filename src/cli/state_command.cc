// `nearrt state`: state roots and proofs of NEAR's Merkle-Patricia trie.
//
//   nearrt state root FILE.json                    base58 root of {hex key: hex value}
//   nearrt state prove FILE.json --key HEX         proof of one key, as JSON
//   nearrt state verify --root ROOT --proof FILE   check a proof; print the value
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "primitives/crypto_hash.h"
#include "store/proof.h"
#include "store/trie.h"
#include "util/bytes.h"
#include "util/result.h"

namespace nearrt::cli {
namespace {

using store::KeyChange;
using store::Trie;

constexpr char kUsage[] =
    "usage:\n"
    "  nearrt state root FILE.json\n"
    "      Prints the base58 state root of FILE.json, a JSON object mapping raw\n"
    "      trie keys (hex) to values (hex), e.g. {\"ff00\": \"0000\"}.\n"
    "  nearrt state prove FILE.json --key HEX\n"
    "      Prints a JSON proof that the key is present (with its value) or absent:\n"
    "      {\"root\", \"key\", \"value\" (hex or null), \"proof\" (base64 nodes, root first)}.\n"
    "  nearrt state verify --root ROOT --proof PROOF.json [--key HEX]\n"
    "      Checks the proof against the base58 ROOT using nothing else, and says\n"
    "      what the key's value is or that it is absent. Exit 1 if it does not verify.\n";

int UsageError(const std::string& msg) {
  std::fprintf(stderr, "nearrt state: %s\n\n%s", msg.c_str(), kUsage);
  return 2;
}

int InputError(const std::string& msg) {
  std::fprintf(stderr, "nearrt state: %s\n", msg.c_str());
  return 1;
}

Result<Bytes> ParseHex(std::string_view text, const std::string& what) {
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    text.remove_prefix(2);
  }
  auto r = HexDecode(text);
  if (!r.ok()) return Err(what + " is not hex: " + r.error().message);
  return r;
}

Result<nlohmann::json> ReadJson(const std::string& path) {
  NEARRT_ASSIGN_OR_RETURN(Bytes raw, ReadFile(path));
  nlohmann::json j = nlohmann::json::parse(raw.begin(), raw.end(), nullptr, false);
  if (j.is_discarded()) return Err(path + ": not valid JSON");
  return j;
}

// The key-value file: a JSON object of hex strings.
Result<std::vector<KeyChange>> ReadKeyValues(const std::string& path) {
  NEARRT_ASSIGN_OR_RETURN(nlohmann::json j, ReadJson(path));
  if (!j.is_object()) return Err(path + ": expected a JSON object mapping hex keys to hex values");
  std::vector<KeyChange> changes;
  changes.reserve(j.size());
  for (auto it = j.begin(); it != j.end(); ++it) {
    NEARRT_ASSIGN_OR_RETURN(Bytes key, ParseHex(it.key(), path + ": key \"" + it.key() + "\""));
    if (!it.value().is_string()) {
      return Err(path + ": the value of key \"" + it.key() + "\" must be a hex string");
    }
    const std::string& v = it.value().get_ref<const std::string&>();
    NEARRT_ASSIGN_OR_RETURN(Bytes value, ParseHex(v, path + ": value of key \"" + it.key() + "\""));
    changes.push_back(KeyChange{std::move(key), std::move(value)});
  }
  // Two spellings of one key ("0A" and "0a") would make the set ambiguous.
  std::sort(changes.begin(), changes.end(),
            [](const KeyChange& a, const KeyChange& b) { return a.key < b.key; });
  for (size_t i = 1; i < changes.size(); ++i) {
    if (changes[i].key == changes[i - 1].key) {
      return Err(path + ": key " + HexEncode(changes[i].key) + " appears twice");
    }
  }
  return changes;
}

Result<Trie> BuildTrie(const std::string& path) {
  NEARRT_ASSIGN_OR_RETURN(std::vector<KeyChange> changes, ReadKeyValues(path));
  auto out = Trie().Update(std::move(changes), store::UpdateOptions{false});
  if (!out.ok()) return Err(out.error().message);
  return Trie(out->root, nullptr);
}

// Splits args into positionals and --flag value pairs.
struct Parsed {
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> flags;
  std::string error;
  const std::string* Flag(const std::string& name) const {
    for (const auto& [k, v] : flags) {
      if (k == name) return &v;
    }
    return nullptr;
  }
};

Parsed ParseArgs(const Args& args, size_t from, std::initializer_list<const char*> known) {
  Parsed p;
  for (size_t i = from; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) == 0) {
      bool ok = false;
      for (const char* k : known) ok |= a == k;
      if (!ok) {
        p.error = "unknown option " + a;
        return p;
      }
      if (i + 1 >= args.size()) {
        p.error = a + " needs a value";
        return p;
      }
      if (p.Flag(a)) {
        p.error = a + " given twice";
        return p;
      }
      p.flags.emplace_back(a, args[++i]);
    } else {
      p.positional.push_back(a);
    }
  }
  return p;
}

int Root(const Args& args) {
  Parsed p = ParseArgs(args, 1, {});
  if (!p.error.empty()) return UsageError(p.error);
  if (p.positional.size() != 1) return UsageError("root takes exactly one FILE.json");
  auto trie = BuildTrie(p.positional[0]);
  if (!trie.ok()) return InputError(trie.error().message);
  std::printf("%s\n", trie->root_hash().ToBase58().c_str());
  return 0;
}

int Prove(const Args& args) {
  Parsed p = ParseArgs(args, 1, {"--key"});
  if (!p.error.empty()) return UsageError(p.error);
  if (p.positional.size() != 1) return UsageError("prove takes exactly one FILE.json");
  const std::string* key_hex = p.Flag("--key");
  if (!key_hex) return UsageError("prove needs --key HEX");
  auto key = ParseHex(*key_hex, "--key");
  if (!key.ok()) return InputError(key.error().message);
  auto trie = BuildTrie(p.positional[0]);
  if (!trie.ok()) return InputError(trie.error().message);
  auto proof = store::ProveKey(*trie, *key);
  if (!proof.ok()) return InputError(proof.error().message);
  nlohmann::json out;
  out["root"] = trie->root_hash().ToBase58();
  out["key"] = HexEncode(*key);
  out["value"] = proof->value ? nlohmann::json(HexEncode(*proof->value)) : nlohmann::json(nullptr);
  nlohmann::json nodes = nlohmann::json::array();
  for (const Bytes& n : proof->nodes) nodes.push_back(Base64Encode(n));
  out["proof"] = std::move(nodes);
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}

int Verify(const Args& args) {
  Parsed p = ParseArgs(args, 1, {"--root", "--proof", "--key"});
  if (!p.error.empty()) return UsageError(p.error);
  if (!p.positional.empty()) return UsageError("unexpected argument " + p.positional[0]);
  const std::string* root_text = p.Flag("--root");
  const std::string* proof_path = p.Flag("--proof");
  if (!root_text || !proof_path) return UsageError("verify needs --root ROOT and --proof FILE");
  auto root = CryptoHash::FromBase58(*root_text);
  if (!root.ok()) return InputError("--root: " + root.error().message);
  auto j = ReadJson(*proof_path);
  if (!j.ok()) return InputError(j.error().message);
  if (!j->is_object()) return InputError(*proof_path + ": expected a JSON object");
  // The key: --key overrides the file's.
  std::string key_hex;
  if (const std::string* k = p.Flag("--key")) {
    key_hex = *k;
  } else if (j->contains("key") && (*j)["key"].is_string()) {
    key_hex = (*j)["key"].get<std::string>();
  } else {
    return InputError(*proof_path + ": no \"key\" (hex string); pass --key");
  }
  auto key = ParseHex(key_hex, "key");
  if (!key.ok()) return InputError(key.error().message);
  if (!j->contains("proof") || !(*j)["proof"].is_array()) {
    return InputError(*proof_path + ": \"proof\" must be an array of base64 strings");
  }
  std::vector<Bytes> nodes;
  for (const auto& n : (*j)["proof"]) {
    if (!n.is_string()) return InputError(*proof_path + ": proof items must be base64 strings");
    auto b = Base64Decode(n.get<std::string>());
    if (!b.ok()) return InputError(*proof_path + ": proof item " + std::to_string(nodes.size()) +
                                   ": " + b.error().message);
    nodes.push_back(std::move(*b));
  }
  std::optional<Bytes> value;
  if (j->contains("value") && !(*j)["value"].is_null()) {
    if (!(*j)["value"].is_string()) return InputError(*proof_path + ": \"value\" must be hex or null");
    auto v = ParseHex((*j)["value"].get<std::string>(), "value");
    if (!v.ok()) return InputError(v.error().message);
    value = std::move(*v);
  }
  auto r = store::VerifyKeyProofWithValue(*root, *key, nodes, value);
  if (!r.ok()) {
    std::printf("INVALID: %s\n", r.error().message.c_str());
    return 1;
  }
  if (r->present) {
    std::printf("valid: key %s is present with value %s (%u bytes, hash %s)\n",
                HexEncode(*key).c_str(), HexEncode(*value).c_str(), r->value.length,
                r->value.hash.ToBase58().c_str());
  } else {
    std::printf("valid: key %s is absent\n", HexEncode(*key).c_str());
  }
  return 0;
}

}  // namespace

int StateCommand(const Args& args) {
  if (args.empty()) return UsageError("missing subcommand");
  const std::string& sub = args[0];
  if (sub == "--help" || sub == "-h" || sub == "help") {
    std::printf("%s", kUsage);
    return 0;
  }
  if (sub == "root") return Root(args);
  if (sub == "prove") return Prove(args);
  if (sub == "verify") return Verify(args);
  return UsageError("unknown subcommand '" + sub + "'");
}

}  // namespace nearrt::cli
