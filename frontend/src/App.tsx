import { useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { homePath, useAuth } from './auth/AuthContext';
import type { Role } from './api/types';
import { Layout } from './components/Layout';
import { Loading, NotFoundMessage } from './components/Status';
import { SignIn, SignUp } from './pages/Auth';
import { CandidateHome } from './pages/CandidateHome';
import { InterviewRoom } from './pages/InterviewRoom';
import { ReportPage } from './pages/ReportPage';
import { Postings } from './pages/recruiter/Postings';
import { PostingDetail } from './pages/recruiter/PostingDetail';
import { InterviewList } from './pages/recruiter/InterviewList';
import { InterviewDetail } from './pages/recruiter/InterviewDetail';
import { Compare } from './pages/recruiter/Compare';
import { QuestionBank, QuestionEdit, QuestionNew } from './pages/recruiter/QuestionBank';
import { AdminUsers } from './pages/admin/AdminUsers';

function RequireAuth({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles && !roles.includes(user.role)) return <NotFoundMessage />;
  return <>{children}</>;
}

function Home() {
  const { user, loading } = useAuth();
  if (loading) return <Loading />;
  return <Navigate to={user ? homePath(user) : '/signin'} replace />;
}

/** An expired token anywhere sends the user to sign in, keeping where they were. */
function ExpiredRedirect() {
  const { expired, user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    if (expired && !user && location.pathname !== '/signin' && location.pathname !== '/signup') {
      navigate(`/signin?expired=1&next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    }
  }, [expired, user, location, navigate]);
  return null;
}

const STAFF: Role[] = ['recruiter', 'admin'];

export function App() {
  return (
    <>
      <ExpiredRedirect />
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Home />} />
          <Route path="signin" element={<SignIn />} />
          <Route path="signup" element={<SignUp />} />
          <Route path="candidate" element={<RequireAuth roles={['candidate']}><CandidateHome /></RequireAuth>} />
          <Route path="interviews/:id/room" element={<RequireAuth roles={['candidate']}><InterviewRoom /></RequireAuth>} />
          <Route path="interviews/:id/report" element={<RequireAuth><ReportPage /></RequireAuth>} />
          <Route path="recruiter/postings" element={<RequireAuth roles={STAFF}><Postings /></RequireAuth>} />
          <Route path="recruiter/postings/:id" element={<RequireAuth roles={STAFF}><PostingDetail /></RequireAuth>} />
          <Route path="recruiter/postings/:id/compare" element={<RequireAuth roles={STAFF}><Compare /></RequireAuth>} />
          <Route path="recruiter/interviews" element={<RequireAuth roles={STAFF}><InterviewList /></RequireAuth>} />
          <Route path="recruiter/interviews/:id" element={<RequireAuth roles={STAFF}><InterviewDetail /></RequireAuth>} />
          <Route path="recruiter/questions" element={<RequireAuth roles={STAFF}><QuestionBank /></RequireAuth>} />
          <Route path="recruiter/questions/new" element={<RequireAuth roles={STAFF}><QuestionNew /></RequireAuth>} />
          <Route path="recruiter/questions/:id" element={<RequireAuth roles={STAFF}><QuestionEdit /></RequireAuth>} />
          <Route path="admin/users" element={<RequireAuth roles={['admin']}><AdminUsers /></RequireAuth>} />
          <Route path="*" element={<NotFoundMessage />} />
        </Route>
      </Routes>
    </>
  );
}
