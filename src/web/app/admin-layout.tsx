import { NavLink, Outlet } from "react-router";

/** Admin pages share a short list of links between the admin tools. */
export function AdminLayout() {
  return (
    <>
      <nav aria-label="Admin tools" className="nhsuk-u-margin-bottom-5">
        <ul className="nhsuk-list app-admin-nav">
          <li>
            <NavLink to="/admin/users" end={false}>
              Users
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/organisations" end={false}>
              Organisations
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/grants">Places on courses</NavLink>
          </li>
          <li>
            <NavLink to="/admin/licences" end={false}>
              Licences
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/deferrals" end={false}>
              Deferrals
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/learner-administrators" end={false}>
              Learner administrators
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/assessment" end={false}>
              Assessment
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/case-studies" end={false}>
              Case studies for recognition
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/certificates" end={false}>
              Certificates
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/awarding-body" end={false}>
              Awarding body claims
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/box-sets" end={false}>
              Box set orders
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/outbox">Email outbox</NavLink>
          </li>
          <li>
            <NavLink to="/admin/audit">Audit log</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
