#include "serve/event_hub.hpp"

namespace moat::serve {

void EventHub::publish(std::shared_ptr<const Snapshot> s) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    current_ = std::move(s);
  }
  changed_.notify_all();
}

std::shared_ptr<const Snapshot> EventHub::current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_;
}

bool EventHub::open_stream() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_ || streams_ >= max_streams_) return false;
  ++streams_;
  return true;
}

void EventHub::close_stream() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (streams_ > 0) --streams_;
}

std::size_t EventHub::open_streams() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return streams_;
}

std::uint64_t EventHub::wait_newer(std::uint64_t seen, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  const auto version = [this] { return current_ ? current_->version() : 0; };
  changed_.wait_for(lock, timeout, [&] { return stopping_ || version() != seen; });
  return version();
}

void EventHub::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
}

bool EventHub::stopping() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stopping_;
}

}  // namespace moat::serve
