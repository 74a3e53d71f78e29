//! What a person does to the app's native window outside the web page, through the X server the
//! tests run on: the window manager's close request (the title bar's × sends WM_DELETE_WINDOW),
//! and real pointer clicks and key presses (XTEST) on the GTK menu bar, which WebDriver cannot
//! reach (its actions go to the web page only).

use std::ffi::CString;
use std::os::raw::{c_int, c_long, c_uchar, c_uint, c_ulong};
use std::time::{Duration, Instant};
use x11_dl::xlib::{self, Display, Window, Xlib};
use x11_dl::xtest::Xf86vmode as XTest;

pub struct X {
    xlib: Xlib,
    xtest: XTest,
    display: *mut Display,
}

impl Drop for X {
    fn drop(&mut self) {
        unsafe { (self.xlib.XCloseDisplay)(self.display) };
    }
}

impl X {
    /// Connects to the display the app runs on (`DISPLAY`, set by scripts/e2e.sh).
    pub fn open() -> X {
        let xlib = Xlib::open().expect("libX11");
        let xtest = XTest::open().expect("libXtst");
        let display = unsafe { (xlib.XOpenDisplay)(std::ptr::null()) };
        assert!(!display.is_null(), "cannot open the X display");
        X {
            xlib,
            xtest,
            display,
        }
    }

    fn atom(&self, name: &str) -> xlib::Atom {
        let name = CString::new(name).unwrap();
        unsafe { (self.xlib.XInternAtom)(self.display, name.as_ptr(), xlib::False) }
    }

    /// The process id a top-level window belongs to (`_NET_WM_PID`, set by GTK).
    fn pid_of(&self, window: Window) -> Option<u32> {
        let mut kind: xlib::Atom = 0;
        let mut format: c_int = 0;
        let (mut items, mut after): (c_ulong, c_ulong) = (0, 0);
        let mut data: *mut c_uchar = std::ptr::null_mut();
        let status = unsafe {
            (self.xlib.XGetWindowProperty)(
                self.display,
                window,
                self.atom("_NET_WM_PID"),
                0,
                1,
                xlib::False,
                xlib::XA_CARDINAL,
                &mut kind,
                &mut format,
                &mut items,
                &mut after,
                &mut data,
            )
        };
        if data.is_null() {
            return None;
        }
        // Format-32 properties come back as C longs.
        let pid = (status == 0 && items == 1 && format == 32)
            .then(|| unsafe { *(data as *const c_long) } as u32);
        unsafe { (self.xlib.XFree)(data.cast()) };
        pid
    }

    fn viewable(&self, window: Window) -> bool {
        let mut attrs: xlib::XWindowAttributes = unsafe { std::mem::zeroed() };
        let read = unsafe { (self.xlib.XGetWindowAttributes)(self.display, window, &mut attrs) };
        read != 0 && attrs.map_state == xlib::IsViewable
    }

    /// The app's visible top-level window: the one of a process in `pids` (no window manager
    /// runs, so top-level windows are the root window's children).
    pub fn window_of(&self, pids: &[u32]) -> Window {
        let start = Instant::now();
        loop {
            if let Some(w) = self
                .children_of_root()
                .into_iter()
                .find(|w| self.pid_of(*w).is_some_and(|p| pids.contains(&p)) && self.viewable(*w))
            {
                return w;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no visible window of the app's process {pids:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The visible top-level windows (a GTK menu that opens is one more).
    pub fn visible_windows(&self) -> Vec<Window> {
        self.children_of_root()
            .into_iter()
            .filter(|w| self.viewable(*w))
            .collect()
    }

    /// Waits until a visible top-level window not in `before` shows (a menu has opened).
    pub fn wait_for_new_window(&self, before: &[Window]) {
        let start = Instant::now();
        while self.visible_windows().iter().all(|w| before.contains(w)) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no new window opened within 10 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn children_of_root(&self) -> Vec<Window> {
        let root = unsafe { (self.xlib.XDefaultRootWindow)(self.display) };
        let (mut root_out, mut parent) = (0, 0);
        let mut children: *mut Window = std::ptr::null_mut();
        let mut n: c_uint = 0;
        unsafe {
            (self.xlib.XQueryTree)(
                self.display,
                root,
                &mut root_out,
                &mut parent,
                &mut children,
                &mut n,
            )
        };
        if children.is_null() {
            return Vec::new();
        }
        let list = unsafe { std::slice::from_raw_parts(children, n as usize) }.to_vec();
        unsafe { (self.xlib.XFree)(children.cast()) };
        list
    }

    /// Asks the window to close the way a window manager does when its × is clicked.
    pub fn request_close(&self, window: Window) {
        let mut event: xlib::XEvent = unsafe { std::mem::zeroed() };
        let mut message = xlib::XClientMessageEvent {
            type_: xlib::ClientMessage,
            serial: 0,
            send_event: xlib::True,
            display: self.display,
            window,
            message_type: self.atom("WM_PROTOCOLS"),
            format: 32,
            data: xlib::ClientMessageData::new(),
        };
        message
            .data
            .set_long(0, self.atom("WM_DELETE_WINDOW") as c_long);
        message.data.set_long(1, xlib::CurrentTime as c_long);
        event.client_message = message;
        unsafe {
            (self.xlib.XSendEvent)(
                self.display,
                window,
                xlib::False,
                xlib::NoEventMask,
                &mut event,
            );
            (self.xlib.XFlush)(self.display);
        }
    }

    /// Where the window's top-left corner is on the screen.
    pub fn origin(&self, window: Window) -> (i32, i32) {
        let root = unsafe { (self.xlib.XDefaultRootWindow)(self.display) };
        let (mut x, mut y, mut child) = (0, 0, 0);
        unsafe {
            (self.xlib.XTranslateCoordinates)(
                self.display,
                window,
                root,
                0,
                0,
                &mut x,
                &mut y,
                &mut child,
            )
        };
        (x, y)
    }

    /// A real left click at a point of the screen (the pointer moves there first).
    pub fn click_at(&self, x: i32, y: i32) {
        unsafe {
            (self.xtest.XTestFakeMotionEvent)(self.display, -1, x, y, 0);
            (self.xtest.XTestFakeButtonEvent)(self.display, 1, xlib::True, 0);
            (self.xtest.XTestFakeButtonEvent)(self.display, 1, xlib::False, 0);
            (self.xlib.XFlush)(self.display);
        }
    }

    /// A real key press and release (`keysym` from x11_dl::keysym, e.g. XK_Up).
    pub fn key(&self, keysym: c_uint) {
        unsafe {
            let code = (self.xlib.XKeysymToKeycode)(self.display, keysym as c_ulong) as c_uint;
            (self.xtest.XTestFakeKeyEvent)(self.display, code, xlib::True, 0);
            (self.xtest.XTestFakeKeyEvent)(self.display, code, xlib::False, 0);
            (self.xlib.XFlush)(self.display);
        }
    }
}
