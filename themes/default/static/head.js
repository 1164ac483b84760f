// mentorbook: runs before the page is drawn (a blocking script in <head>, kept tiny), so the
// page is laid out once for a reader with JavaScript: `js` on <html> turns the narrow-screen
// sidebar into a drawer behind the menu button instead of a list above the page.
document.documentElement.classList.add('js');
