// Reference driver for the mlpf-spark jets tests: clusters events with the installed FastJet and prints the
// jets (and constituents) exactly, or times the clustering. Compiled by the tests at test time:
//   g++ -O2 fastjet_jets.cc $(fastjet-config --cxxflags --libs) -o target/fastjet_jets
//
// Input: FastJet's example text format, one particle per line "px py pz E [more columns]", blank lines and
// lines starting with '#' ignored, "#END" ends an event.
//
// Usage: fastjet_jets --input FILE [--algorithm antikt|kt|cambridge] [--R 0.4] [--ptmin 0]
//                     [--strategy best|N2Plain|N2Tiled|N2MinHeapTiled|N2MHTLazy9|N2MHTLazy25|N3Dumb]
//                     [--event N] [--time REPEAT]
// Output (jets mode), per event:
//   event <index> particles <n> strategy <strategy used> inclusive_jets <number at ptmin 0> description <...>
//   jet <px> <py> <pz> <E> constituents <i1> <i2> ...   (jets above ptmin by decreasing pt, %.17g, which reads
//                                                          back exactly; constituents as input indices in
//                                                          FastJet's order)
// Output (time mode), per event: "time <index> particles <n> strategy <s> ms_per_clustering <ms>".
#include <fastjet/ClusterSequence.hh>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using fastjet::ClusterSequence;
using fastjet::JetDefinition;
using fastjet::PseudoJet;

static void die(const std::string &msg) {
  std::fprintf(stderr, "fastjet_jets: %s\n", msg.c_str());
  std::exit(2);
}

static std::vector<std::vector<PseudoJet> > read_events(const std::string &file) {
  std::ifstream in(file.c_str());
  if (!in) die("cannot open " + file);
  std::vector<std::vector<PseudoJet> > events(1);
  std::string line;
  int line_no = 0;
  bool any = false;
  while (std::getline(in, line)) {
    line_no++;
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    std::string s = line.substr(b);
    if (s.compare(0, 4, "#END") == 0) {
      events.push_back(std::vector<PseudoJet>());
      any = false;
      continue;
    }
    if (s[0] == '#') continue;
    std::istringstream fields(s);
    double p[4];
    for (int k = 0; k < 4; k++) {
      std::string f;
      if (!(fields >> f)) die(file + ":" + std::to_string(line_no) + ": fewer than 4 columns");
      char *end = 0;
      p[k] = std::strtod(f.c_str(), &end);
      if (*end != '\0') die(file + ":" + std::to_string(line_no) + ": not a number: " + f);
    }
    PseudoJet particle(p[0], p[1], p[2], p[3]);
    particle.set_user_index(events.back().size());
    events.back().push_back(particle);
    any = true;
  }
  // A file ending in #END has no trailing event; a file without any #END is one event.
  if (!any && events.size() > 1) events.pop_back();
  return events;
}

static fastjet::Strategy strategy_of(const std::string &s) {
  if (s == "best") return fastjet::Best;
  if (s == "N2Plain") return fastjet::N2Plain;
  if (s == "N2Tiled") return fastjet::N2Tiled;
  if (s == "N2MinHeapTiled") return fastjet::N2MinHeapTiled;
  if (s == "N2MHTLazy9") return fastjet::N2MHTLazy9;
  if (s == "N2MHTLazy25") return fastjet::N2MHTLazy25;
  if (s == "N3Dumb") return fastjet::N3Dumb;
  die("unknown strategy " + s);
  return fastjet::Best;
}

static fastjet::JetAlgorithm algorithm_of(const std::string &s) {
  if (s == "antikt") return fastjet::antikt_algorithm;
  if (s == "kt") return fastjet::kt_algorithm;
  if (s == "cambridge") return fastjet::cambridge_algorithm;
  die("unknown algorithm " + s);
  return fastjet::antikt_algorithm;
}

int main(int argc, char **argv) {
  std::string input, algorithm = "antikt", strategy = "best";
  double R = 0.4, ptmin = 0;
  int only_event = -1, repeat = 0;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    if (i + 1 >= argc) die("missing value after " + a);
    std::string v = argv[++i];
    if (a == "--input") input = v;
    else if (a == "--algorithm") algorithm = v;
    else if (a == "--R") R = std::atof(v.c_str());
    else if (a == "--ptmin") ptmin = std::atof(v.c_str());
    else if (a == "--strategy") strategy = v;
    else if (a == "--event") only_event = std::atoi(v.c_str());
    else if (a == "--time") repeat = std::atoi(v.c_str());
    else die("unknown option " + a);
  }
  if (input.empty()) die("--input FILE is required");
  fastjet::ClusterSequence::set_fastjet_banner_stream(0);
  JetDefinition def(algorithm_of(algorithm), R, fastjet::E_scheme, strategy_of(strategy));
  std::vector<std::vector<PseudoJet> > events = read_events(input);
  for (size_t ev = 0; ev < events.size(); ev++) {
    if (only_event >= 0 && (int) ev != only_event) continue;
    const std::vector<PseudoJet> &particles = events[ev];
    if (repeat > 0) {
      // Warm-up: as many clusterings as the timed ones (caches, branch predictors, page faults).
      size_t sink = 0;
      for (int r = 0; r < repeat; r++) {
        ClusterSequence cs(particles, def);
        sink += cs.inclusive_jets(ptmin).size();
      }
      sink = 0;
      std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
      for (int r = 0; r < repeat; r++) {
        ClusterSequence cs(particles, def);
        sink += cs.inclusive_jets(ptmin).size();
      }
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / repeat;
      ClusterSequence cs(particles, def);
      std::printf("time %zu particles %zu strategy %s jets %zu ms_per_clustering %.4f\n", ev, particles.size(),
                  cs.strategy_string().c_str(), sink / repeat, ms);
      continue;
    }
    ClusterSequence cs(particles, def);
    std::vector<PseudoJet> jets = fastjet::sorted_by_pt(cs.inclusive_jets(ptmin));
    std::printf("event %zu particles %zu strategy %s inclusive_jets %zu description %s\n", ev, particles.size(),
                cs.strategy_string().c_str(), cs.inclusive_jets(0.0).size(), def.description().c_str());
    for (size_t j = 0; j < jets.size(); j++) {
      std::printf("jet %.17g %.17g %.17g %.17g constituents", jets[j].px(), jets[j].py(), jets[j].pz(), jets[j].E());
      std::vector<PseudoJet> c = cs.constituents(jets[j]);
      for (size_t k = 0; k < c.size(); k++) std::printf(" %d", c[k].user_index());
      std::printf("\n");
    }
  }
  return 0;
}
